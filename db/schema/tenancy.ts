import { sql } from "drizzle-orm";
import { check, foreignKey, index, jsonb, pgPolicy, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { plans, type LimitOverrides } from "./plans";
import { appUser } from "./roles";
import { currentTenantId, currentUserId, platformAccessPolicy, tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

export const ROLES = ["owner", "admin", "developer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const TENANT_STATUSES = ["active", "suspended", "deleted"] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/**
 * The tenant itself. It is the root of isolation, so its policy is on `id`: a transaction sees
 * its own tenant, plus (for the identity path that lists "my organisations") the tenants the
 * current user is a member of. Deleting is a status change: the audit log is append-only and
 * outlives the organisation until the retention job purges it.
 */
export const tenants = pgTable(
  "tenants",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    planId: text()
      .notNull()
      .default("free")
      .references(() => plans.id),
    status: text({ enum: TENANT_STATUSES }).notNull().default("active"),
    /** A platform admin's exceptions to the plan's limits (see LimitOverrides). */
    limitOverrides: jsonb().$type<LimitOverrides>().notNull().default({}),
    /** Why and when a platform admin suspended it (shown to operators; the tenant sees `tenant_suspended`). */
    suspendedAt: timestamptz(),
    suspendedReason: text(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
    deletedAt: timestamptz(),
  },
  (t) => [
    // Slugs are URLs, so they are global; a deleted organisation frees its slug.
    uniqueIndex("tenants_slug_key")
      .on(t.slug)
      .where(sql`deleted_at is null`),
    check("tenants_status_check", sql`${t.status} in ('active', 'suspended', 'deleted')`),
    pgPolicy("tenants_own_tenant", {
      for: "all",
      to: appUser,
      using: sql`id = ${currentTenantId}`,
      withCheck: sql`id = ${currentTenantId}`,
    }),
    pgPolicy("tenants_member_read", {
      for: "select",
      to: appUser,
      using: sql`id in (select m.tenant_id from memberships m where m.user_id = ${currentUserId})`,
    }),
    platformAccessPolicy("tenants"),
  ],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text({ enum: ROLES }).notNull(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("memberships_tenant_user_key").on(t.tenantId, t.userId),
    unique("memberships_tenant_id_key").on(t.tenantId, t.id),
    index("memberships_user_idx").on(t.userId),
    check("memberships_role_check", sql`${t.role} in ('owner', 'admin', 'developer', 'viewer')`),
    ...tenantIsolationPolicies("memberships"),
    // The identity path: a user may list their own memberships across organisations.
    pgPolicy("memberships_self_read", {
      for: "select",
      to: appUser,
      using: sql`user_id = ${currentUserId}`,
    }),
  ],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    email: text().notNull(),
    role: text({ enum: ROLES }).notNull(),
    /** SHA-256 of the token in the link. */
    tokenHash: text().notNull(),
    invitedBy: uuid(),
    expiresAt: timestamptz().notNull(),
    acceptedAt: timestamptz(),
    acceptedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("invitations_tenant_token_key").on(t.tenantId, t.tokenHash),
    index("invitations_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("invitations_token_hash_idx").on(t.tokenHash),
    check("invitations_role_check", sql`${t.role} in ('owner', 'admin', 'developer', 'viewer')`),
    // Composite so an invitation can only name an inviter of its own tenant. The ON DELETE
    // action is rewritten by hand in 0002 to null only `invited_by` (drizzle cannot say that).
    foreignKey({
      name: "invitations_inviter_fk",
      columns: [t.tenantId, t.invitedBy],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }),
    ...tenantIsolationPolicies("invitations"),
  ],
);

export type Tenant = typeof tenants.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
