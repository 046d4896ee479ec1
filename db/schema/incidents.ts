import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { RISK_LEVELS } from "./runs";
import { tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

export const INCIDENT_STATUSES = ["open", "acknowledged", "resolved", "false_positive"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * A guard finding someone should look at. Findings of the same detector on the same agent join
 * the open incident instead of opening new ones (`fingerprint`), so an attack wave is one row
 * with a count, not a thousand.
 */
export const incidents = pgTable(
  "incidents",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    title: text().notNull(),
    detector: text().notNull(),
    findingType: text().notNull(),
    severity: text({ enum: RISK_LEVELS }).notNull(),
    status: text({ enum: INCIDENT_STATUSES }).notNull().default("open"),
    direction: text().notNull(),
    /** What the guard did: `flag`, `redact` or `block`. */
    action: text().notNull(),
    fingerprint: text().notNull(),
    agentId: uuid(),
    apiKeyId: uuid(),
    userId: uuid(),
    firstRunId: uuid(),
    lastRunId: uuid(),
    occurrences: integer().notNull().default(1),
    /** Redacted evidence only: the findings' spans over the redacted text, never the raw secret. */
    evidence: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
    lastSeenAt: timestamptz().notNull().defaultNow(),
    resolvedAt: timestamptz(),
    resolvedBy: uuid(),
  },
  (t) => [
    unique("incidents_tenant_id_key").on(t.tenantId, t.id),
    index("incidents_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("incidents_tenant_fingerprint_idx")
      .on(t.tenantId, t.fingerprint, t.lastSeenAt)
      .where(sql`status in ('open', 'acknowledged')`),
    check("incidents_status_check", sql`${t.status} in ('open', 'acknowledged', 'resolved', 'false_positive')`),
    ...tenantIsolationPolicies("incidents"),
  ],
);

export const INCIDENT_ACTIVITY_KINDS = ["opened", "occurrence", "status", "comment", "action", "auto_response"] as const;

/** The incident's timeline: occurrences, status changes, comments (and, later, automatic responses). */
export const incidentActivity = pgTable(
  "incident_activity",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    incidentId: uuid().notNull(),
    kind: text({ enum: INCIDENT_ACTIVITY_KINDS }).notNull(),
    runId: uuid(),
    authorType: text(),
    authorId: text(),
    body: text(),
    detail: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    index("incident_activity_tenant_incident_idx").on(t.tenantId, t.incidentId, t.createdAt),
    foreignKey({
      name: "incident_activity_incident_fk",
      columns: [t.tenantId, t.incidentId],
      foreignColumns: [incidents.tenantId, incidents.id],
    }).onDelete("cascade"),
    ...tenantIsolationPolicies("incident_activity"),
  ],
);

/** A finding a member marked as a false positive: kept (redacted) for tuning the guard later. */
export const guardFeedback = pgTable(
  "guard_feedback",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    incidentId: uuid(),
    detector: text().notNull(),
    findingType: text().notNull(),
    verdict: text().notNull().default("false_positive"),
    evidence: jsonb().$type<Record<string, unknown>>().notNull(),
    createdBy: uuid(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [index("guard_feedback_tenant_created_idx").on(t.tenantId, t.createdAt), ...tenantIsolationPolicies("guard_feedback")],
);

/** The tenant's guard policy: per-detector overrides of the defaults (agents may override again). */
export const guardPolicies = pgTable(
  "guard_policies",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    policy: jsonb().$type<Record<string, unknown>>().notNull(),
    updatedBy: uuid(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [unique("guard_policies_tenant_key").on(t.tenantId), ...tenantIsolationPolicies("guard_policies")],
);

export type Incident = typeof incidents.$inferSelect;
export type IncidentActivity = typeof incidentActivity.$inferSelect;
