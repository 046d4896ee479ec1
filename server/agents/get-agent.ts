import { and, eq } from "drizzle-orm";
import { agents, agentVersions, type Agent, type AgentConfig } from "@/db/schema";
import { ConflictError, NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { toAgentDto, type AgentDto } from "./dto";

/**
 * The agent and its current version's configuration, or a 404 ("not yours" and "not there" are
 * the same). `lock` takes the row for the rest of the transaction, so two edits of one agent
 * queue instead of both claiming the same next version number.
 */
export async function getAgentInTenant(
  ctx: TenantContext,
  id: string,
  options: { lock?: boolean } = {},
): Promise<{ agent: Agent; config: AgentConfig }> {
  const query = ctx.tx
    .select()
    .from(agents)
    .where(and(eq(agents.tenantId, ctx.tenant.id), eq(agents.id, id)))
    .limit(1);
  const [agent] = options.lock ? await query.for("update") : await query;
  if (!agent) throw new NotFoundError("Agent");
  const [version] = await ctx.tx
    .select({ config: agentVersions.config })
    .from(agentVersions)
    .where(and(eq(agentVersions.tenantId, ctx.tenant.id), eq(agentVersions.agentId, id), eq(agentVersions.version, agent.currentVersion)))
    .limit(1);
  // The version is written in the agent's own transaction: a missing one is a broken invariant, not a client error.
  if (!version) throw new Error(`agent ${id} has no version ${agent.currentVersion}`);
  return { agent, config: version.config };
}

/** An archived agent is history: it can be read, not changed or run. */
export function assertNotArchived(agent: Agent) {
  if (agent.archivedAt) throw new ConflictError("This agent is archived: it can no longer be changed or run.", "agent_archived");
}

export async function getAgent(ctx: TenantContext, { id }: { id: string }): Promise<AgentDto> {
  const { agent, config } = await getAgentInTenant(ctx, id);
  return toAgentDto(agent, config);
}
