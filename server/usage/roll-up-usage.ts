import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { events, usageCounted, usageDaily, usageHourly } from "@/db/schema";
import { DOMAIN_EVENTS } from "../events/catalogue";
import type { Tx } from "@/db";
import type { TenantSummary } from "../request-context";

/**
 * Folds a batch of `usage.recorded` events into the tenant's hourly and daily roll-ups, in the
 * caller's (one) transaction:
 *
 * 1. the events are read back from the outbox by id — the stored row is the truth (its payload
 *    was validated when it was written, its `occurred_at` decides the bucket); an id that is not
 *    this tenant's usage event is ignored;
 * 2. their runs are claimed in `usage_counted` (`on conflict do nothing returning`): only the
 *    runs claimed now are counted, so a redelivered batch, an event seen twice in one batch, or a
 *    replayed copy (new event id, same run) adds nothing;
 * 3. the claimed usage is summed per bucket and upserted with `x = x + excluded.x`.
 *
 * Buckets are computed by Postgres from the stored timestamp, in UTC, exactly as read-usage
 * filters the not-yet-rolled tail, so a figure is counted in the same hour either way.
 */

/** A tenant transaction: a verb's TenantContext, or a bare `withTenant` (the roll-up acts as no one). */
type Ctx = { tx: Tx; tenant: Pick<TenantSummary, "id"> };

const usageSchema = DOMAIN_EVENTS["usage.recorded"].schema;
type Usage = z.infer<typeof usageSchema>;

type Counted = { usage: Usage; eventId: string; occurredAt: Date; hour: Date; day: Date };

export type RollUpResult = { counted: number; duplicates: number; ignored: number };

const COUNTERS = ["runs", "inputTokens", "outputTokens", "modelCalls", "toolCalls", "costMicros"] as const;
type Counters = Record<(typeof COUNTERS)[number], number>;
const COLUMN: Record<(typeof COUNTERS)[number], string> = {
  runs: "runs",
  inputTokens: "input_tokens",
  outputTokens: "output_tokens",
  modelCalls: "model_calls",
  toolCalls: "tool_calls",
  costMicros: "cost_micros",
};

type Bucket = { bucketStart: Date; agentId: string; provider: string; model: string } & Counters;

async function loadUsageEvents(ctx: Ctx, ids: string[]): Promise<Counted[]> {
  const rows = await ctx.tx
    .select({
      id: events.id,
      payload: events.payload,
      occurredAt: events.occurredAt,
      hour: sql<string>`date_trunc('hour', ${events.occurredAt}, 'UTC')`.mapWith((v: string | Date) => new Date(v)),
      day: sql<string>`date_trunc('day', ${events.occurredAt}, 'UTC')`.mapWith((v: string | Date) => new Date(v)),
    })
    .from(events)
    .where(and(eq(events.tenantId, ctx.tenant.id), eq(events.type, "usage.recorded"), inArray(events.id, ids)))
    .orderBy(events.id);
  const out: Counted[] = [];
  for (const row of rows) {
    const parsed = usageSchema.safeParse(row.payload);
    // A stored payload was checked on the way in; one that no longer parses (a future version) is left alone.
    if (parsed.success) out.push({ usage: parsed.data, eventId: row.id, occurredAt: row.occurredAt, hour: row.hour, day: row.day });
  }
  return out;
}

function sumInto(map: Map<string, Bucket>, bucketStart: Date, u: Usage) {
  const provider = u.provider ?? "";
  const model = u.model ?? "";
  const key = `${bucketStart.toISOString()}|${u.agentId}|${provider}|${model}`;
  const b = map.get(key) ?? {
    bucketStart,
    agentId: u.agentId,
    provider,
    model,
    runs: 0,
    inputTokens: 0,
    outputTokens: 0,
    modelCalls: 0,
    toolCalls: 0,
    costMicros: 0,
  };
  b.runs += 1;
  b.inputTokens += u.inputTokens;
  b.outputTokens += u.outputTokens;
  b.modelCalls += u.modelCalls;
  b.toolCalls += u.toolCalls;
  b.costMicros += u.costMicros;
  map.set(key, b);
}

async function upsert(ctx: Ctx, table: typeof usageHourly | typeof usageDaily, buckets: Bucket[]) {
  if (buckets.length === 0) return;
  // A stable order, so two transactions touching the same buckets lock them in the same order.
  const sorted = [...buckets].sort((a, b) =>
    `${a.bucketStart.toISOString()}|${a.agentId}|${a.provider}|${a.model}`.localeCompare(
      `${b.bucketStart.toISOString()}|${b.agentId}|${b.provider}|${b.model}`,
    ),
  );
  const set = Object.fromEntries(COUNTERS.map((c) => [c, sql`${table[c]} + excluded.${sql.identifier(COLUMN[c])}`]));
  await ctx.tx
    .insert(table)
    .values(sorted.map((b) => ({ tenantId: ctx.tenant.id, ...b })))
    .onConflictDoUpdate({
      target: [table.tenantId, table.bucketStart, table.agentId, table.provider, table.model],
      set: { ...set, updatedAt: sql`now()` },
    });
}

export async function rollUpUsage(ctx: Ctx, eventIds: readonly string[]): Promise<RollUpResult> {
  const ids = [...new Set(eventIds)];
  if (ids.length === 0) return { counted: 0, duplicates: 0, ignored: 0 };
  const found = await loadUsageEvents(ctx, ids);
  // One usage record per run: the oldest event of a run in this batch stands for it.
  const byRun = new Map<string, Counted>();
  for (const c of found) if (!byRun.has(c.usage.runId)) byRun.set(c.usage.runId, c);
  const claims = [...byRun.values()];
  const claimed =
    claims.length === 0
      ? []
      : await ctx.tx
          .insert(usageCounted)
          .values(claims.map((c) => ({ tenantId: ctx.tenant.id, runId: c.usage.runId, eventId: c.eventId, occurredAt: c.occurredAt })))
          .onConflictDoNothing({ target: [usageCounted.tenantId, usageCounted.runId] })
          .returning({ runId: usageCounted.runId });
  const hourly = new Map<string, Bucket>();
  const daily = new Map<string, Bucket>();
  for (const { runId } of claimed) {
    const c = byRun.get(runId)!;
    sumInto(hourly, c.hour, c.usage);
    sumInto(daily, c.day, c.usage);
  }
  await upsert(ctx, usageHourly, [...hourly.values()]);
  await upsert(ctx, usageDaily, [...daily.values()]);
  return { counted: claimed.length, duplicates: found.length - claimed.length, ignored: ids.length - found.length };
}
