import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { memberships, plans, tenants, users } from "@/db/schema";
import { tenantSummaryColumns } from "./tenant-summary-columns";
import { effectiveLimits } from "./effective-limits";

/**
 * One query for everything a session request needs inside its tenant transaction: the tenant,
 * its plan's limits, and the member's current role. Null when the user is not a member (or the
 * tenant is not visible): callers answer 404 either way.
 */
export async function loadMemberAccess(tx: Tx, tenantId: string, userId: string) {
  const [row] = await tx
    .select({
      tenant: tenantSummaryColumns,
      limits: effectiveLimits,
      role: memberships.role,
      email: users.email,
      name: users.name,
    })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
    .limit(1);
  return row ?? null;
}
