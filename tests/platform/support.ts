import { callerFor, seedUser, type SeededUser } from "../support/callers";
import type { TestDatabase } from "../support/databases";

/** A platform operator: the flag set in the database, as an installation's owner would. */
export async function seedOperator(db: TestDatabase, name = "Operator"): Promise<SeededUser> {
  const user = await seedUser(db, name);
  await db.ownerSql("update users set is_platform_admin = true where id = $1", [user.id]);
  return { ...user, isPlatformAdmin: true };
}

export const consoleAs = (db: TestDatabase, operator: SeededUser, requestId?: string) =>
  callerFor(db, { user: operator, headers: requestId ? { "x-request-id": requestId } : {} }).admin;

/** The tenant's own audit rows for an action, oldest first (as the owner: inspection only). */
export function tenantAudit(db: TestDatabase, tenantId: string, action: string) {
  return db.ownerSql("select * from audit_log where tenant_id = $1 and action = $2 order by seq", [tenantId, action]);
}

export function platformAudit(db: TestDatabase, requestId: string) {
  return db.ownerSql("select * from platform_audit_log where request_id = $1 order by at", [requestId]);
}
