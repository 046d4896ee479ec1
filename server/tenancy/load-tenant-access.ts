import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { plans, tenants } from "@/db/schema";
import { tenantSummaryColumns } from "./tenant-summary-columns";
import { effectiveLimits } from "./effective-limits";

/** The tenant and its plan's limits by id: what a system job or an operator acts in. */
export async function loadTenantAccess(tx: Tx, tenantId: string) {
  const [row] = await tx
    .select({ tenant: tenantSummaryColumns, limits: effectiveLimits })
    .from(tenants)
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .where(eq(tenants.id, tenantId))
    .limit(1);
  return row ?? null;
}
