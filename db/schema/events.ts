import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { ACTOR_TYPES } from "./audit";
import { tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

/**
 * The outbox and the event store at once. A verb's change and its event are written in the same
 * transaction (`recordChange` / `emitEvent`), so nothing is published that was not committed and
 * nothing committed is lost. The dispatcher (platform role) sets `delivered_at` once the engine
 * has accepted the event under its id as idempotency key; the app role may only insert and read.
 *
 * `id` is a ULID: sortable by time, unique across processes, and the idempotency key downstream.
 * `correlation_id` ties everything one request (or one workflow run) caused; `causation_id` is the
 * event that caused this one, so a run's whole chain can be walked.
 */
export const events = pgTable(
  "events",
  {
    id: text().primaryKey(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    type: text().notNull(),
    version: integer().notNull().default(1),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    actorType: text({ enum: ACTOR_TYPES }).notNull(),
    actorId: text(),
    correlationId: text().notNull(),
    causationId: text(),
    traceId: text(),
    occurredAt: timestamptz().notNull().defaultNow(),
    deliveredAt: timestamptz(),
    dispatchAttempts: integer().notNull().default(0),
    /** Set on a copy made by a replay: the original event's id. */
    replayOf: text(),
  },
  (t) => [
    index("events_tenant_time_idx").on(t.tenantId, t.occurredAt),
    index("events_tenant_type_time_idx").on(t.tenantId, t.type, t.occurredAt),
    index("events_tenant_correlation_idx").on(t.tenantId, t.correlationId),
    index("events_undelivered_idx")
      .on(t.id)
      .where(sql`delivered_at is null`),
    ...tenantIsolationPolicies("events"),
  ],
);

export type EventRow = typeof events.$inferSelect;
