import { bigint, index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });
const counter = () => bigint({ mode: "number" }).notNull().default(0);

/**
 * Metering roll-ups: what a tenant consumed per bucket (an hour, a day) per agent, provider and
 * model, summed from `usage.recorded` events by the usage roll-up function. Quotas and the usage
 * API (issue 8) read these plus the not-yet-rolled tail of events (server/usage/read-usage.ts).
 *
 * Provider and model are '' rather than NULL when a run never reached a model (blocked on input,
 * failed early): the bucket key is a unique constraint, and NULLs would never conflict.
 *
 * No foreign key to agents: usage outlives an archived agent, and is the billing record.
 */
function rollupTable<N extends string>(name: N) {
  return pgTable(
    name,
    {
      id: uuid().primaryKey().defaultRandom(),
      tenantId: tenantIdColumn().references(() => tenants.id),
      bucketStart: timestamptz().notNull(),
      agentId: uuid().notNull(),
      provider: text().notNull().default(""),
      model: text().notNull().default(""),
      runs: counter(),
      inputTokens: counter(),
      outputTokens: counter(),
      modelCalls: counter(),
      toolCalls: counter(),
      costMicros: counter(),
      updatedAt: timestamptz().notNull().defaultNow(),
    },
    (t) => [unique(`${name}_bucket_key`).on(t.tenantId, t.bucketStart, t.agentId, t.provider, t.model), ...tenantIsolationPolicies(name)],
  );
}

/** One row per (tenant, hour, agent, provider, model). Purged with the tenant's retention. */
export const usageHourly = rollupTable("usage_hourly");

/** One row per (tenant, UTC day, agent, provider, model). Kept: it is the billing history. */
export const usageDaily = rollupTable("usage_daily");

/**
 * Which runs' usage the roll-ups already hold, written in the same transaction as the increments:
 * a redelivered or replayed `usage.recorded` (a replay is a copy with a new event id, the same
 * run) finds its run here and adds nothing. A run has exactly one usage record, so the run id is
 * the natural key. `occurred_at` is the outbox time of the counted event, i.e. the bucket it went to.
 * Kept past retention (ids and times only): a replayed copy of an old run must still find its run here.
 */
export const usageCounted = pgTable(
  "usage_counted",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    runId: uuid().notNull(),
    eventId: text().notNull(),
    occurredAt: timestamptz().notNull(),
    countedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("usage_counted_tenant_run_key").on(t.tenantId, t.runId),
    index("usage_counted_tenant_occurred_idx").on(t.tenantId, t.occurredAt),
    ...tenantIsolationPolicies("usage_counted"),
  ],
);

export type UsageRollupRow = typeof usageHourly.$inferSelect;

/**
 * What an API key's runs used, per UTC day, for runs the retention purge deleted while they could
 * still count against a key budget (created in the current UTC month, the longest budget
 * period). Key budgets are read from `runs` (server/billing/key-budget.ts); a plan retaining less
 * than a month (Free: 30 days, and a calendar month has up to 31) would otherwise let purged runs
 * stop counting and the key overspend. Numbers only, nothing personal. Written by the purge in the
 * statement that deletes the runs; rows from before the current month are purged in turn.
 */
export const keyUsagePurged = pgTable(
  "key_usage_purged",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    apiKeyId: uuid().notNull(),
    /** The UTC day the runs were created (a budget period is whole UTC days). */
    day: timestamptz().notNull(),
    runs: counter(),
    tokens: counter(),
    costMicros: counter(),
  },
  (t) => [unique("key_usage_purged_key_day_key").on(t.tenantId, t.apiKeyId, t.day), ...tenantIsolationPolicies("key_usage_purged")],
);
