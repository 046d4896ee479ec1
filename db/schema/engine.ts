import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { platformAccessPolicy } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

/*
 * The in-process Inngest driver's own state (inngest/driver). Engine-internal and cross-tenant by
 * nature (one queue for every tenant), so these tables are walled like the rest but admit ONLY the
 * platform role: no app_user policy (RLS forced → the tenant role sees no row), and the grant is
 * revoked too (hand-written SQL in the migration). The driver reaches them through
 * `withEngine` (db/scope.ts).
 */

/** What a run is doing. `queued`: runnable at `next_at`; `running`: held by a lease; terminal: the last three. */
export const ENGINE_RUN_STATUSES = ["queued", "running", "sleeping", "waiting", "completed", "failed", "cancelled"] as const;
export type EngineRunStatus = (typeof ENGINE_RUN_STATUSES)[number];

/** An op the SDK reported that the run still has to resolve (see inngest/driver/run-state.ts). */
export type PendingOp =
  | { kind: "step"; id: string }
  | { kind: "sleep"; id: string; at: number }
  | { kind: "wait"; id: string; event: string; expr: string | null; timeoutAt: number };

/** The SDK's memo of one step, exactly as the spec sends it back (`steps` in the call body). */
export type StepMemo = { type: "data"; data: unknown } | { type: "error"; error: unknown };

export const engineRuns = pgTable(
  "engine_runs",
  {
    id: text().primaryKey(),
    /** The SDK's composite id (`<app>-<function>`). */
    functionId: text().notNull(),
    /** The trigger's idempotency key: the outbox event id, `cron:<iso>` or `failed:<run id>`. */
    eventId: text().notNull(),
    /** The trigger event(s) as the SDK receives them (`event` = the first; more with batchEvents). */
    events: jsonb().$type<Record<string, unknown>[]>().notNull(),
    /**
     * `event.data.tenantId` when there is one: for operators, never for isolation (named so that
     * the isolation suite, which walls every `tenant_id` table, does not mistake it for a tenant table).
     */
    triggerTenantId: uuid(),
    status: text({ enum: ENGINE_RUN_STATUSES }).notNull().default("queued"),
    attempt: integer().notNull().default(0),
    steps: jsonb().$type<Record<string, StepMemo>>().notNull().default({}),
    /** The order steps completed in (the spec's `ctx.stack.stack`). */
    stack: jsonb().$type<string[]>().notNull().default([]),
    pending: jsonb().$type<PendingOp[]>().notNull().default([]),
    /** When the run next has something to do (null: terminal). */
    nextAt: timestamptz(),
    leaseOwner: text(),
    leaseUntil: timestamptz(),
    /** The evaluated concurrency key (`concurrency.key`, or the function id when unkeyed) and its limit. */
    concurrencyKey: text(),
    concurrencyLimit: integer(),
    output: jsonb(),
    error: jsonb(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
    endedAt: timestamptz(),
  },
  (t) => [
    // At most one run per (function, trigger event): what makes redelivery harmless.
    unique("engine_runs_function_event_unique").on(t.functionId, t.eventId),
    index("engine_runs_next_idx")
      .on(t.nextAt, t.id)
      .where(sql`next_at is not null`),
    index("engine_runs_active_key_idx")
      .on(t.concurrencyKey)
      .where(sql`lease_until is not null`),
    index("engine_runs_function_idx").on(t.functionId, t.createdAt),
    platformAccessPolicy("engine_runs"),
  ],
).enableRLS();

/** A run parked in `step.waitForEvent`: found by the arriving event's name. */
export const engineWaits = pgTable(
  "engine_waits",
  {
    runId: text()
      .notNull()
      .references(() => engineRuns.id, { onDelete: "cascade" }),
    stepId: text().notNull(),
    eventName: text().notNull(),
    /**
     * The event that satisfied the wait, set by the dispatcher. The run's executor folds it into
     * the run's memo: only the lease holder writes a run's state, so a wait resolved while the run
     * is mid-call is never overwritten by that call's save.
     */
    resolvedEvent: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.stepId] }),
    index("engine_waits_event_idx").on(t.eventName),
    platformAccessPolicy("engine_waits"),
  ],
).enableRLS();

/** Events buffered for a `batchEvents` function until the batch is full or its timeout passes. */
export const engineBatchItems = pgTable(
  "engine_batch_items",
  {
    functionId: text().notNull(),
    batchKey: text().notNull().default(""),
    eventId: text().notNull(),
    event: jsonb().$type<Record<string, unknown>>().notNull(),
    addedAt: timestamptz().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.functionId, t.eventId] }),
    index("engine_batch_items_fn_idx").on(t.functionId, t.batchKey, t.addedAt),
    platformAccessPolicy("engine_batch_items"),
  ],
).enableRLS();

/** The next due time of each cron trigger: one row per (function, schedule), claimed with SKIP LOCKED. */
export const engineCrons = pgTable(
  "engine_crons",
  {
    functionId: text().notNull(),
    schedule: text().notNull(),
    nextAt: timestamptz().notNull(),
  },
  (t) => [primaryKey({ columns: [t.functionId, t.schedule] }), platformAccessPolicy("engine_crons")],
).enableRLS();

/**
 * Flow-control state: the theoretical arrival time (GCRA) of each function's `throttle` or
 * `rateLimit` per key value. A TAT in the past is the same as none, so old rows are pruned.
 */
export const engineRateState = pgTable(
  "engine_rate_state",
  {
    functionId: text().notNull(),
    kind: text({ enum: ["throttle", "rate"] }).notNull(),
    key: text().notNull(),
    tat: timestamptz().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.functionId, t.kind, t.key] }),
    index("engine_rate_state_tat_idx").on(t.tat),
    platformAccessPolicy("engine_rate_state"),
  ],
).enableRLS();

export type EngineRun = typeof engineRuns.$inferSelect;
