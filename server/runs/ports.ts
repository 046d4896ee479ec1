/**
 * The other areas a run leans on, each behind one function, so the engine reads as the run's
 * story and the seams to agents' credentials, knowledge, tools and incidents are in one place.
 */
import type { ModelRequest } from "@/server/agents/providers";
import { loadProviderSecret } from "@/server/agents/credentials/load-provider-secret";
import { TOOLS } from "@/server/agents/tools";
import { getTenantPolicy } from "@/server/guard-policy/get-tenant-policy";
import type { Direction, PolicyOverride, Verdict } from "@/server/guard";
import { reportGuardFindings } from "@/server/incidents/report-finding";
import { searchKnowledge, type KnowledgeHit } from "@/server/knowledge/search";
import type { TenantContext } from "../request-context";

export { getTenantPolicy, reportGuardFindings, searchKnowledge, type KnowledgeHit };

export type TenantPolicyOverride = PolicyOverride | null;

/** The decrypted key (and base URL) of a provider credential; never stored, logged or returned. */
export async function providerSecret(ctx: TenantContext, credentialId: string) {
  return loadProviderSecret(ctx, credentialId);
}

export type RunTool = {
  spec: NonNullable<ModelRequest["tools"]>[number];
  run: (args: Record<string, unknown>, toolCtx: unknown) => Promise<{ output: unknown; summary: string }>;
};

/** The tools of the registry an agent names (unknown names are skipped: an agent saved before a tool was removed). */
export function toolsFor(names: readonly string[]): RunTool[] {
  const registry = TOOLS as unknown as Record<string, RunTool>;
  return names.flatMap((name) => (registry[name] ? [registry[name]] : []));
}

export type GuardReport = { direction: Direction; verdict: Verdict; evidence: string };
