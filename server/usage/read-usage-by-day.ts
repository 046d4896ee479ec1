import { sql } from "drizzle-orm";
import { rowsOf } from "@/db";
import type { Tx } from "@/db";
import type { TenantSummary } from "../request-context";
import type { UsageFigures } from "./read-usage";
import { unrolledUsage } from "./usage-tail";

/**
 * The tenant's usage per UTC day over [from, to) (both midnights UTC): the daily roll-up plus the
 * tail the roll-up has not reached yet, counted exactly as `readUsage` counts it (one event per
 * run, none whose run is in `usage_counted`), in one statement so a batch committing in between
 * cannot count a run twice or not at all. Days with no usage are in the series with zeros: a
 * chart of the period needs every day.
 *
 * Only the daily roll-up is read (never the hourly one): it holds whole days as well as today so
 * far, and it is kept past retention, so an old period reads the same figures as a recent one.
 */

const DAY = 86_400_000;

export type DayUsage = UsageFigures & { day: string };

function assertDays(from: Date, to: Date) {
  if (from.getTime() % DAY !== 0 || to.getTime() % DAY !== 0)
    throw new RangeError("a by-day usage period starts and ends on UTC midnights");
  if (!(from.getTime() < to.getTime())) throw new RangeError("a usage period ends after it starts");
}

type Row = Record<"day" | "runs" | "input_tokens" | "output_tokens" | "model_calls" | "tool_calls" | "cost_micros", string>;

export async function readUsageByDay(
  ctx: { tx: Tx; tenant: Pick<TenantSummary, "id"> },
  input: { from: Date; to: Date },
): Promise<DayUsage[]> {
  const { from, to } = input;
  assertDays(from, to);
  const tenantId = ctx.tenant.id;
  const fromSql = sql`${from.toISOString()}::timestamptz`;
  const toSql = sql`${to.toISOString()}::timestamptz`;
  const result = await ctx.tx.execute(sql`
    select to_char(day, 'YYYY-MM-DD') as day, sum(runs)::text as runs, sum(input_tokens)::text as input_tokens,
           sum(output_tokens)::text as output_tokens, sum(model_calls)::text as model_calls, sum(tool_calls)::text as tool_calls,
           sum(cost_micros)::text as cost_micros
    from (
      select bucket_start at time zone 'UTC' as day, runs, input_tokens, output_tokens, model_calls, tool_calls, cost_micros
        from usage_daily where tenant_id = ${tenantId}::uuid and bucket_start >= ${fromSql} and bucket_start < ${toSql}
      union all
      select date_trunc('day', t.occurred_at, 'UTC') at time zone 'UTC', 1::bigint, (p->>'inputTokens')::bigint, (p->>'outputTokens')::bigint,
             (p->>'modelCalls')::bigint, (p->>'toolCalls')::bigint, (p->>'costMicros')::bigint
        from ${unrolledUsage({ from, to, tenantId })} t
    ) parts
    group by day`);
  const byDay = new Map(rowsOf<Row>(result).map((r) => [r.day, r]));
  const days: DayUsage[] = [];
  for (let ms = from.getTime(); ms < to.getTime(); ms += DAY) {
    const day = new Date(ms).toISOString().slice(0, 10);
    const r = byDay.get(day);
    days.push({
      day,
      runs: Number(r?.runs ?? 0),
      inputTokens: Number(r?.input_tokens ?? 0),
      outputTokens: Number(r?.output_tokens ?? 0),
      modelCalls: Number(r?.model_calls ?? 0),
      toolCalls: Number(r?.tool_calls ?? 0),
      costMicros: Number(r?.cost_micros ?? 0),
    });
  }
  return days;
}
