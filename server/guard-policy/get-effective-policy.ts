import { resolvePolicy } from "../guard/policy";
import type { GuardPolicy, PolicyOverride } from "../guard/types";
import type { TenantContext } from "../request-context";
import { getTenantPolicy } from "./get-tenant-policy";

/** What the guard enforces for a call: the agent's overrides over the tenant's over the defaults. */
export async function getEffectivePolicy(
  ctx: Pick<TenantContext, "tx" | "tenant">,
  agentOverride?: PolicyOverride | null,
): Promise<GuardPolicy> {
  return resolvePolicy(await getTenantPolicy(ctx), agentOverride ?? null);
}
