import { sql } from "drizzle-orm";
import { rowsOf } from "@/db";
import type { Tx } from "@/db";
import type { TenantSummary } from "../request-context";
import { unrolledUsage } from "./usage-tail";

/**
 * The tenant's usage over [from, to): what the roll-ups hold plus the tail the roll-up has not
 * reached yet (usage events whose run is not in `usage_counted`), so a quota check right after a
 * run sees that run, whether or not its batch has been folded in. Issue 8 builds quotas and
 * `GET /api/v1/usage` on this.
 *
 * Whole UTC days inside the period come from the daily roll-up (kept for the billing history);
 * the partial days at either end from the hourly one (purged with the tenant's retention, so a
 * period older than that should be whole days). Both bounds must be whole hours: the buckets are.
 *
 * One statement, so the roll-ups and the tail are read from one snapshot: a batch committing in
 * between cannot make a run count twice or not at all.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type ReadUsageInput = { from: Date; to: Date };

/** Issue 8's API validates what a caller sends (and says so in their language); this guards the verb's contract. */
function assertPeriod({ from, to }: ReadUsageInput) {
  if (from.getTime() % HOUR !== 0 || to.getTime() % HOUR !== 0) throw new RangeError("a usage period starts and ends on whole UTC hours");
  if (!(from.getTime() < to.getTime())) throw new RangeError("a usage period ends after it starts");
}

export type UsageFigures = {
  runs: number;
  inputTokens: number;
  outputTokens: number;
  modelCalls: number;
  toolCalls: number;
  costMicros: number;
};

export type UsageLine = UsageFigures & { agentId: string; provider: string | null; model: string | null };

export type Usage = {
  from: Date;
  to: Date;
  totals: UsageFigures;
  /** Per agent, provider and model, sorted. */
  lines: UsageLine[];
  /** How many of the runs counted came from the tail (not rolled up yet). */
  pendingRuns: number;
};

/** The day and hour ranges that cover [from, to) exactly. */
export function splitPeriod(from: Date, to: Date) {
  const f = from.getTime();
  const t = to.getTime();
  const firstDay = Math.ceil(f / DAY) * DAY;
  const lastDay = Math.floor(t / DAY) * DAY;
  if (firstDay >= lastDay) return { days: null, hours: [[f, t]] as [number, number][] };
  const hours: [number, number][] = [];
  if (f < firstDay) hours.push([f, firstDay]);
  if (lastDay < t) hours.push([lastDay, t]);
  return { days: [firstDay, lastDay] as [number, number], hours };
}

const iso = (ms: number) => new Date(ms).toISOString();

const FIGURES = sql.raw(
  `sum(runs)::text as runs, sum(input_tokens)::text as input_tokens, sum(output_tokens)::text as output_tokens,
   sum(model_calls)::text as model_calls, sum(tool_calls)::text as tool_calls, sum(cost_micros)::text as cost_micros`,
);
const COLUMNS = sql.raw("agent_id, provider, model, runs, input_tokens, output_tokens, model_calls, tool_calls, cost_micros");

type Row = Record<
  "agent_id" | "provider" | "model" | "runs" | "input_tokens" | "output_tokens" | "model_calls" | "tool_calls" | "cost_micros",
  string
> & {
  pending: string;
};

export async function readUsage(ctx: { tx: Tx; tenant: Pick<TenantSummary, "id"> }, input: ReadUsageInput): Promise<Usage> {
  assertPeriod(input);
  const { from, to } = input;
  const tenantId = ctx.tenant.id;
  const { days, hours } = splitPeriod(from, to);
  const hourRanges = sql.join(
    hours.map(([a, b]) => sql`(bucket_start >= ${iso(a)}::timestamptz and bucket_start < ${iso(b)}::timestamptz)`),
    sql` or `,
  );
  const daily = days
    ? sql`select ${COLUMNS}, 0 as pending from usage_daily where tenant_id = ${tenantId}::uuid
            and bucket_start >= ${iso(days[0])}::timestamptz and bucket_start < ${iso(days[1])}::timestamptz`
    : sql`select ${COLUMNS}, 0 as pending from usage_daily where false`;
  const hourly = hours.length
    ? sql`select ${COLUMNS}, 0 as pending from usage_hourly where tenant_id = ${tenantId}::uuid and (${hourRanges})`
    : sql`select ${COLUMNS}, 0 as pending from usage_hourly where false`;
  // The tail: one event per run (a replayed copy shares its run), none whose run is counted.
  const tail = sql`select (p->>'agentId')::uuid as agent_id, coalesce(p->>'provider', '') as provider, coalesce(p->>'model', '') as model,
        1::bigint as runs, (p->>'inputTokens')::bigint as input_tokens, (p->>'outputTokens')::bigint as output_tokens,
        (p->>'modelCalls')::bigint as model_calls, (p->>'toolCalls')::bigint as tool_calls, (p->>'costMicros')::bigint as cost_micros,
        1 as pending
      from ${unrolledUsage({ from, to, tenantId })} t`;
  const result = await ctx.tx.execute(sql`
    select agent_id::text as agent_id, provider, model, ${FIGURES}, sum(pending)::text as pending
    from (${daily} union all ${hourly} union all ${tail}) parts
    group by agent_id, provider, model
    order by agent_id, provider, model`);
  const rows = rowsOf<Row>(result);
  const totals: UsageFigures = { runs: 0, inputTokens: 0, outputTokens: 0, modelCalls: 0, toolCalls: 0, costMicros: 0 };
  let pendingRuns = 0;
  const lines = rows.map((r): UsageLine => {
    const line: UsageLine = {
      agentId: r.agent_id,
      provider: r.provider || null,
      model: r.model || null,
      runs: Number(r.runs),
      inputTokens: Number(r.input_tokens),
      outputTokens: Number(r.output_tokens),
      modelCalls: Number(r.model_calls),
      toolCalls: Number(r.tool_calls),
      costMicros: Number(r.cost_micros),
    };
    for (const k of Object.keys(totals) as (keyof UsageFigures)[]) totals[k] += line[k];
    pendingRuns += Number(r.pending);
    return line;
  });
  return { from, to, totals, lines, pendingRuns };
}
