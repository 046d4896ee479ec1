import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Scopes } from "@/db/scope";
import { impersonations, plans, tenants, users } from "@/db/schema";
import { effectiveLimits } from "./effective-limits";
import { expandGrants, ROLE_GRANTS, type Permission } from "./permissions";
import { tenantSummaryColumns } from "./tenant-summary-columns";

/**
 * What an impersonating operator may do: a viewer's READ permissions, nothing that writes. (The
 * viewer role holds only `…:read` today; the filter keeps it so if the role ever gains more.)
 */
export const IMPERSONATION_PERMISSIONS: Permission[] = expandGrants(ROLE_GRANTS.viewer).filter((p) => p.endsWith(":read"));

/**
 * A platform operator's session opening `/t/<slug>/…` of an organisation they are not a member
 * of: allowed only while they hold an active impersonation of it (not ended, not expired — checked
 * here on every request, by the database's clock). Asked only after the member lookup failed, and
 * only for platform operators, so ordinary traffic never reaches the platform path. Each look is
 * recorded in `platform_audit_log` (withPlatform), as every cross-tenant read is.
 */
export async function impersonationAccess(scopes: Scopes, userId: string, slug: string) {
  const [me] = await scopes.withUser(userId, (tx) =>
    tx.select({ isPlatformAdmin: users.isPlatformAdmin }).from(users).where(eq(users.id, userId)).limit(1),
  );
  if (!me?.isPlatformAdmin) return null;
  const [row] = await scopes.withPlatform(`impersonation: operator ${userId} reads tenant ${slug}`, { type: "user", id: userId }, (tx) =>
    tx
      .select({
        impersonationId: impersonations.id,
        expiresAt: impersonations.expiresAt,
        tenant: tenantSummaryColumns,
        limits: effectiveLimits,
      })
      .from(impersonations)
      .innerJoin(tenants, eq(tenants.id, impersonations.targetTenantId))
      .innerJoin(plans, eq(plans.id, tenants.planId))
      .where(
        and(
          eq(impersonations.operatorId, userId),
          eq(tenants.slug, slug),
          isNull(tenants.deletedAt),
          isNull(impersonations.endedAt),
          gt(impersonations.expiresAt, sql`now()`),
        ),
      )
      .orderBy(sql`${impersonations.expiresAt} desc`)
      .limit(1),
  );
  return row ?? null;
}
