import type { Agent, AgentConfig } from "@/db/schema";
import { ConflictError } from "../errors";
import type { TenantContext } from "../request-context";
import { getAgentInTenant } from "./get-agent";

export type AgentForRun = {
  /** The whole row, canary and output baseline included: for the runs engine only, never a DTO. */
  agent: Agent;
  /** The version the run must record. */
  version: number;
  config: AgentConfig;
};

const REFUSALS = {
  quarantined: { code: "agent_quarantined", message: "This agent is quarantined and refuses runs until someone reactivates it." },
  disabled: { code: "agent_disabled", message: "This agent is disabled and refuses runs until someone reactivates it." },
} as const;

/**
 * What the runs engine reads before calling a model: the agent, its current version and config.
 * Only an active, unarchived agent runs; the others are refused with a code clients can act on
 * (`agent_archived`, `agent_quarantined`, `agent_disabled`, all 409), and an unknown or foreign
 * id is a 404. Call it in a short transaction of its own, before any model is awaited.
 */
export async function loadAgentForRun(ctx: TenantContext, agentId: string): Promise<AgentForRun> {
  const { agent, config } = await getAgentInTenant(ctx, agentId);
  if (agent.archivedAt) throw new ConflictError("This agent is archived and can no longer be run.", "agent_archived");
  if (agent.status !== "active") {
    const refusal = REFUSALS[agent.status];
    throw new ConflictError(refusal.message, refusal.code, { status: agent.status });
  }
  return { agent, version: agent.currentVersion, config };
}
