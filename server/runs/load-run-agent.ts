import { and, eq } from "drizzle-orm";
import { agents, agentVersions, type AgentConfig } from "@/db/schema";
import { ConflictError, NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";

/** What a run needs of its agent, including what DTOs never show (the canary, the baseline). */
export type RunAgent = {
  id: string;
  name: string;
  version: number;
  config: AgentConfig;
  canary: string;
  outputBaseline: Record<string, unknown> | null;
};

/**
 * The agent as of its current version, if it may run. Another tenant's agent is simply not
 * found (never a 403 that would confirm it exists). A quarantined, disabled or archived agent
 * refuses with its own code and a sentence saying what to do.
 */
export async function loadRunAgent(ctx: TenantContext, agentId: string): Promise<RunAgent> {
  const [row] = await ctx.tx
    .select({ agent: agents, config: agentVersions.config })
    .from(agents)
    .innerJoin(
      agentVersions,
      and(eq(agentVersions.tenantId, agents.tenantId), eq(agentVersions.agentId, agents.id), eq(agentVersions.version, agents.currentVersion)),
    )
    .where(and(eq(agents.tenantId, ctx.tenant.id), eq(agents.id, agentId)))
    .limit(1);
  if (!row) throw new NotFoundError("Agent");
  const { agent } = row;
  if (agent.archivedAt) throw new ConflictError("This agent is archived; archived agents cannot run.", "agent_archived");
  if (agent.status === "quarantined") {
    const why = agent.statusReason ? ` (${agent.statusReason})` : "";
    throw new ConflictError(
      `This agent is quarantined${why}; it cannot run until an admin reviews it and makes it active again.`,
      "agent_quarantined",
    );
  }
  if (agent.status === "disabled") throw new ConflictError("This agent is disabled; enable it to run it.", "agent_disabled");
  return {
    id: agent.id,
    name: agent.name,
    version: agent.currentVersion,
    config: row.config,
    canary: agent.canary,
    outputBaseline: agent.outputBaseline ?? null,
  };
}
