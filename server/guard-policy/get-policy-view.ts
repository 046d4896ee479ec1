import { eq } from "drizzle-orm";
import { guardPolicies } from "@/db/schema";
import type { PolicyOverride } from "../guard/types";
import type { TenantContext } from "../request-context";
import { policyView, type PolicyView } from "./policy-view";

export async function getPolicyView(ctx: TenantContext): Promise<PolicyView> {
  const [row] = await ctx.tx
    .select({ policy: guardPolicies.policy, updatedAt: guardPolicies.updatedAt })
    .from(guardPolicies)
    .where(eq(guardPolicies.tenantId, ctx.tenant.id))
    .limit(1);
  return policyView((row?.policy as PolicyOverride | undefined) ?? null, row?.updatedAt ?? null);
}
