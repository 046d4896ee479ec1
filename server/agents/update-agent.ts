import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { agents, agentVersions, type AgentConfig } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { actingMemberId, type TenantContext } from "../request-context";
import { assertConfigReferences } from "./check-references";
import { changedFields, normaliseConfig } from "./config";
import { agentConfigPatch } from "./config-schema";
import { toAgentDto, type AgentDto } from "./dto";
import { assertNotArchived, getAgentInTenant } from "./get-agent";

export const updateAgentInput = z.object({ id: z.uuid(), ...agentConfigPatch });

export type UpdateAgentInput = z.infer<typeof updateAgentInput>;

/**
 * Edits an agent: the fields sent replace the current version's, and if anything differs the
 * result is saved as the next version (runs keep pointing at the one they used). Sending what is
 * already there changes nothing: no version, no audit entry.
 */
export async function updateAgent(ctx: TenantContext, input: UpdateAgentInput): Promise<AgentDto & { changed: boolean }> {
  const { id, ...patch } = input;
  const { agent, config: current } = await getAgentInTenant(ctx, id, { lock: true });
  assertNotArchived(agent);
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const next = normaliseConfig({ ...current, ...given } as AgentConfig);
  const fields = changedFields(current, next);
  if (fields.length === 0) return { ...toAgentDto(agent, current), changed: false };

  await assertConfigReferences(ctx, next);
  const version = agent.currentVersion + 1;
  await ctx.tx
    .insert(agentVersions)
    .values({ tenantId: ctx.tenant.id, agentId: id, version, config: next, createdBy: actingMemberId(ctx.principal) });
  const [row] = await ctx.tx
    .update(agents)
    .set({ name: next.name, description: next.description, currentVersion: version, updatedAt: sql`now()` })
    .where(and(eq(agents.tenantId, ctx.tenant.id), eq(agents.id, id)))
    .returning();
  await recordChange(ctx, "agent.updated", {
    targetId: id,
    facts: { fromVersion: agent.currentVersion, toVersion: version, fields },
    personal: { name: next.name },
  });
  return { ...toAgentDto(row!, next), changed: true };
}
