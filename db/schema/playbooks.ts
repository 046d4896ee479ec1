import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { incidents } from "./incidents";
import { memberships, tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

/** The automatic responses a tenant can switch on (server/playbooks/rules.ts holds their defaults). */
export const PLAYBOOK_RULES = ["notify_admins", "quarantine_agent", "suspend_api_key", "tighten_policy"] as const;
export type PlaybookRule = (typeof PLAYBOOK_RULES)[number];

/**
 * A tenant's edits to its incident-response playbooks: per rule, overrides of the defaults. A
 * tenant without a row runs the defaults (like `guard_policies`), so every tenant is protected
 * from its first request.
 */
export const playbooks = pgTable(
  "playbooks",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    rules: jsonb().$type<Record<string, unknown>>().notNull(),
    updatedBy: uuid(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [unique("playbooks_tenant_key").on(t.tenantId), ...tenantIsolationPolicies("playbooks")],
);

/**
 * What a playbook did, once per (rule, trigger event): the unique key is what makes a repeated
 * delivery of the same event take no second action. `before` holds what undo restores.
 */
export const responseActions = pgTable(
  "response_actions",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    rule: text({ enum: PLAYBOOK_RULES }).notNull(),
    targetType: text({ enum: ["incident", "agent", "api_key"] }).notNull(),
    targetId: uuid().notNull(),
    incidentId: uuid().notNull(),
    /** The outbox id of the `guard.threat_detected` that crossed the threshold. */
    triggerEventId: text().notNull(),
    /** How many matching events the window held when it fired. */
    observed: integer().notNull(),
    reversible: boolean().notNull(),
    before: jsonb().$type<Record<string, unknown>>(),
    after: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamptz().notNull().defaultNow(),
    undoneAt: timestamptz(),
    undoneBy: uuid(),
    undoneByLabel: text(),
  },
  (t) => [
    unique("response_actions_tenant_id_key").on(t.tenantId, t.id),
    unique("response_actions_trigger_key").on(t.tenantId, t.rule, t.triggerEventId),
    index("response_actions_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("response_actions_tenant_target_idx").on(t.tenantId, t.rule, t.targetId, t.createdAt),
    foreignKey({
      name: "response_actions_incident_fk",
      columns: [t.tenantId, t.incidentId],
      foreignColumns: [incidents.tenantId, incidents.id],
    }).onDelete("cascade"),
    ...tenantIsolationPolicies("response_actions"),
  ],
);

/**
 * In-app notifications: one row per recipient, so each member reads (and dismisses) their own.
 * `incident` / `auto_response` link to an incident; `quota` (80 % / 100 % of a plan limit) and
 * `billing` (a failed payment, a downgrade) link to the billing page and carry no incident.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    recipientId: uuid().notNull(),
    kind: text({ enum: ["incident", "auto_response", "quota", "billing"] }).notNull(),
    incidentId: uuid(),
    responseId: uuid(),
    detail: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
    readAt: timestamptz(),
  },
  (t) => [
    index("notifications_recipient_idx")
      .on(t.tenantId, t.recipientId, t.createdAt)
      .where(sql`read_at is null`),
    index("notifications_recipient_all_idx").on(t.tenantId, t.recipientId, t.createdAt),
    foreignKey({
      name: "notifications_recipient_fk",
      columns: [t.tenantId, t.recipientId],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }).onDelete("cascade"),
    foreignKey({
      name: "notifications_incident_fk",
      columns: [t.tenantId, t.incidentId],
      foreignColumns: [incidents.tenantId, incidents.id],
    }).onDelete("cascade"),
    check(
      "notifications_kind_check",
      sql`${t.kind} in ('incident', 'auto_response', 'quota', 'billing') and (${t.kind} not in ('incident', 'auto_response') or ${t.incidentId} is not null)`,
    ),
    ...tenantIsolationPolicies("notifications"),
  ],
);

export type ResponseAction = typeof responseActions.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
