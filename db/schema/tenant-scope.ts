import { sql } from "drizzle-orm";
import { pgPolicy, uuid } from "drizzle-orm/pg-core";
import { appUser } from "./roles";

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
 * The fail-closed isolation policy for a tenant-owned table: one policy for all four commands,
 * with the same predicate for USING (rows you can see, update or delete) and WITH CHECK (rows you
 * can write).
 */
export const tenantIsolationPolicy = (table: string) =>
  pgPolicy(`${table}_tenant_isolation`, {
    as: "permissive",
    for: "all",
    to: appUser,
    using: sql`tenant_id = ${currentTenantId}`,
    withCheck: sql`tenant_id = ${currentTenantId}`,
  });
