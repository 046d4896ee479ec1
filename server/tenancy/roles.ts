import type { Role as StoredRole } from "@/db/schema";

/**
 * The member roles, for the domain and the UI alike. Pages and components import them from
 * here, not from `db/schema` (which would pull drizzle's table definitions into the browser
 * bundle and tie the UI to the storage layer). The column's own list lives in the schema; the
 * two checks below make any drift between them a compile error.
 */
export const ROLES = ["owner", "admin", "developer", "viewer"] as const;
export type Role = (typeof ROLES)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rolesMatchSchema: Same<Role, StoredRole> = true;
void rolesMatchSchema;
