import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

export const DEAD_LETTER_STATUSES = ["open", "retried", "discarded"] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

/**
 * A function run that exhausted its retries (Inngest's `inngest/function.failed`), kept so an
 * admin can see why and send the event again. One row per failed run: the capture is idempotent
 * on `run_id`, so a redelivered failure event changes nothing. The error's name and message are
 * kept; its stack never is (it names our files and may quote data).
 */
export const deadLetters = pgTable(
  "dead_letters",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    /** The failed function's id as Inngest names it (`agentry-webhook-delivery`). */
    functionId: text().notNull(),
    /** The failed run's id: the idempotency key of the capture. */
    runId: text().notNull(),
    /** The outbox event that triggered the run (its ULID) and its type. */
    eventId: text(),
    eventName: text().notNull(),
    /** The trigger's data as the function received it: our envelope `{ tenantId, correlationId, …, payload }`. */
    envelope: jsonb().$type<Record<string, unknown>>().notNull(),
    errorName: text().notNull(),
    errorMessage: text().notNull(),
    /** How many times the function was tried (its retries + 1), when known. */
    attempts: integer(),
    failedAt: timestamptz().notNull().defaultNow(),
    status: text({ enum: DEAD_LETTER_STATUSES }).notNull().default("open"),
    /** Who retried or discarded it (an actor id: a user, an API key) and when. */
    resolvedBy: text(),
    resolvedAt: timestamptz(),
    /** The replay copy a retry appended to the outbox. */
    retryEventId: text(),
  },
  (t) => [
    unique("dead_letters_tenant_id_key").on(t.tenantId, t.id),
    unique("dead_letters_tenant_run_key").on(t.tenantId, t.runId),
    index("dead_letters_tenant_failed_idx").on(t.tenantId, t.failedAt),
    check("dead_letters_status_check", sql`${t.status} in ('open', 'retried', 'discarded')`),
    ...tenantIsolationPolicies("dead_letters"),
  ],
);

export type DeadLetterRow = typeof deadLetters.$inferSelect;
