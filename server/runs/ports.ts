/**
 * The other areas a run leans on, each behind one function, so the engine reads as the run's
 * story and the seams to agents, credentials, knowledge, tools and incidents are in one place.
 */
import { loadAgentForRun } from "@/server/agents/load-agent-for-run";
import { loadProviderSecret } from "@/server/agents/credentials/load-provider-secret";
import { createToolContext, TOOLS, type Tool, type ToolContext } from "@/server/agents/tools";
import { getTenantPolicy } from "@/server/guard-policy/get-tenant-policy";
import { reportGuardFindings } from "@/server/incidents/report-finding";
import { searchKnowledge, type KnowledgeHit } from "@/server/knowledge/search";
import type { TenantContext } from "../request-context";
import type { DomainContext } from "../request-context";

export { getTenantPolicy, reportGuardFindings, searchKnowledge, type KnowledgeHit };

/** What a run needs of its agent, including what DTOs never show (the canary, the baseline). */
export type RunAgent = {
  id: string;
  name: string;
  version: number;
  config: Awaited<ReturnType<typeof loadAgentForRun>>["config"];
  canary: string;
  outputBaseline: Record<string, unknown> | null;
};

/** The agent as of its current version, if it may run (agents refuse quarantined, disabled and archived ones: 409). */
export async function loadRunAgent(ctx: TenantContext, agentId: string): Promise<RunAgent> {
  const { agent, version, config } = await loadAgentForRun(ctx, agentId);
  return { id: agent.id, name: agent.name, version, config, canary: agent.canary, outputBaseline: agent.outputBaseline ?? null };
}

/** The decrypted key (and base URL) of a provider credential; never stored, logged or returned. */
export function providerSecret(ctx: TenantContext, credentialId: string) {
  return loadProviderSecret(ctx, credentialId);
}

export type RunTool = Tool;

/** The tools of the registry an agent names (unknown names are skipped: an agent saved before a tool was removed). */
export function toolsFor(names: readonly string[]): RunTool[] {
  const registry: Record<string, Tool> = TOOLS;
  return names.flatMap((name) => (registry[name] ? [registry[name]] : []));
}

/** The context the run's tools get (the tenant's allow-list, read once in its own short transaction). */
export function toolContext(
  deps: DomainContext,
  tenantId: string,
  collectionIds: readonly string[],
  signal: AbortSignal,
): Promise<ToolContext> {
  return createToolContext(deps.scopes, tenantId, { collectionIds, signal });
}

export type { ToolContext };
