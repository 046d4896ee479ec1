import { eq } from "drizzle-orm";
import { guardPolicies } from "@/db/schema";
import type { PolicyOverride } from "../guard/types";
import type { TenantContext } from "../request-context";

/** The tenant's overrides of the guard's defaults, or null when it keeps the defaults. */
export async function getTenantPolicy(ctx: Pick<TenantContext, "tx" | "tenant">): Promise<PolicyOverride | null> {
  const [row] = await ctx.tx
    .select({ policy: guardPolicies.policy })
    .from(guardPolicies)
    .where(eq(guardPolicies.tenantId, ctx.tenant.id))
    .limit(1);
  return (row?.policy as PolicyOverride | undefined) ?? null;
}
