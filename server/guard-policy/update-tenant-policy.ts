import { guardPolicies } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { policyOverrideSchema } from "../guard/policy";
import type { PolicyOverride } from "../guard/types";
import { actingMemberId, type TenantContext } from "../request-context";
import { getTenantPolicy } from "./get-tenant-policy";
import { policyView, type PolicyView } from "./policy-view";

/** Drops empty detector entries, so "reset to defaults" stores `{}` rather than `{ pii: {} }`. */
function compact(override: PolicyOverride): PolicyOverride {
  return Object.fromEntries(
    Object.entries(override).filter(([, v]) => v && (v.action !== undefined || v.threshold !== undefined)),
  ) as PolicyOverride;
}

/**
 * Replaces the tenant's overrides (the editor sends the whole set; detectors left out fall back
 * to the defaults). Validated by the guard's own schema; audited with before and after — both
 * are policy, not personal data.
 */
export async function updateTenantPolicy(ctx: TenantContext, override: PolicyOverride): Promise<PolicyView> {
  const after = compact(policyOverrideSchema.parse(override) as PolicyOverride);
  const before = await getTenantPolicy(ctx);
  const now = new Date();
  const [row] = await ctx.tx
    .insert(guardPolicies)
    .values({ tenantId: ctx.tenant.id, policy: after, updatedBy: actingMemberId(ctx.principal), updatedAt: now })
    .onConflictDoUpdate({
      target: guardPolicies.tenantId,
      set: { policy: after, updatedBy: actingMemberId(ctx.principal), updatedAt: now },
    })
    .returning({ id: guardPolicies.id });
  await recordChange(ctx, "guard.policy_updated", { targetId: row!.id, facts: { before, after } });
  return policyView(after, now);
}
