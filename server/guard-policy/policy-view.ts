import { DEFAULT_POLICY, resolvePolicy } from "../guard/policy";
import type { GuardPolicy, PolicyOverride } from "../guard/types";

/** What the policy editor and `GET /guard/policy` show: the overrides, what they resolve to, and the defaults. */
export type PolicyView = { override: PolicyOverride; effective: GuardPolicy; defaults: GuardPolicy; updatedAt: string | null };

export function policyView(override: PolicyOverride | null, updatedAt: Date | null): PolicyView {
  return {
    override: override ?? {},
    effective: resolvePolicy(override),
    defaults: structuredClone(DEFAULT_POLICY) as GuardPolicy,
    updatedAt: updatedAt?.toISOString() ?? null,
  };
}
