import { sql } from "drizzle-orm";
import { pgPolicy, uuid } from "drizzle-orm/pg-core";
import { appPlatform, appUser } from "./roles";

/**
 * The tenant of the current transaction, or NULL when none is set. `nullif(…, '')` makes an
 * unset or reset setting compare as NULL, so every policy below fails closed.
 */
export const currentTenantId = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;

/** The signed-in user of the current transaction (identity queries), or NULL. */
export const currentUserId = sql`nullif(current_setting('app.user_id', true), '')::uuid`;

/** The `tenant_id` column every tenant-owned table carries. */
export const tenantIdColumn = () => uuid().notNull();

/**
 * The audited cross-tenant path (`withPlatform`) sees every row of a walled table. It is a policy
 * for `app_platform` rather than the BYPASSRLS attribute, because only a superuser may grant that
 * attribute (a managed Postgres owner is not one) and attributes are not inherited by the LOGIN
 * role a production platform pool connects as, whereas policies apply to members of the role.
 * Every helper below that walls a table adds it, so a new table gets it with its wall.
 */
export const platformAccessPolicy = (table: string) =>
  pgPolicy(`${table}_platform`, {
    as: "permissive",
    for: "all",
    to: appPlatform,
    using: sql`true`,
    withCheck: sql`true`,
  });

/**
 * The fail-closed isolation policy for a tenant-owned table: one policy for all four commands,
 * with the same predicate for USING (rows you can see, update or delete) and WITH CHECK (rows you
 * can write) — plus the platform path's policy. Spread it into the table's extra config.
 */
export const tenantIsolationPolicies = (table: string) => [
  pgPolicy(`${table}_tenant_isolation`, {
    as: "permissive",
    for: "all",
    to: appUser,
    using: sql`tenant_id = ${currentTenantId}`,
    withCheck: sql`tenant_id = ${currentTenantId}`,
  }),
  platformAccessPolicy(table),
];
