import { bigint, index, jsonb, pgTable, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

export const ACTOR_TYPES = ["user", "api_key", "system", "platform"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/**
 * The tenant's audit log: append-only for the runtime roles (no UPDATE/DELETE/TRUNCATE grants,
 * and a trigger refuses them), hash-chained per tenant by `seq`: each row's `hash` covers its own
 * fields and the previous row's hash, so editing, deleting or reordering any row breaks the chain
 * at that row.
 *
 * `hash_version` 2 (see server/audit/chain.ts) leaves personal data out of the hash: the actor
 * label, IP, user agent and `personal` (e-mails, names people typed) may be blanked by an
 * erasure — the one UPDATE the append-only trigger admits — and the chain still verifies.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    seq: bigint({ mode: "number" }).notNull(),
    at: timestamptz().notNull(),
    actorType: text({ enum: ACTOR_TYPES }).notNull(),
    actorId: text(),
    actorLabel: text(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    ip: text(),
    userAgent: text(),
    requestId: text(),
    /** The change's non-personal facts (hashed). */
    diff: jsonb().$type<Record<string, unknown>>(),
    /** The change's personal data (not hashed, erasable). */
    personal: jsonb().$type<Record<string, unknown>>(),
    hashVersion: smallint().notNull().default(1),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    unique("audit_log_tenant_seq_key").on(t.tenantId, t.seq),
    index("audit_log_tenant_at_idx").on(t.tenantId, t.at),
    index("audit_log_tenant_action_idx").on(t.tenantId, t.action),
    ...tenantIsolationPolicies("audit_log"),
  ],
);

/**
 * Every use of the cross-tenant path (`withPlatform`) leaves a row here: who, why, when.
 * Global and append-only like the tenant log.
 */
export const platformAuditLog = pgTable(
  "platform_audit_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    at: timestamptz().notNull().defaultNow(),
    actorType: text({ enum: ACTOR_TYPES }).notNull(),
    actorId: text(),
    reason: text().notNull(),
    requestId: text(),
    details: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [index("platform_audit_log_at_idx").on(t.at)],
);

export type AuditRow = typeof auditLog.$inferSelect;
