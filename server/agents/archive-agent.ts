import { and, eq, sql } from "drizzle-orm";
import { agents } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { TenantContext } from "../request-context";
import { toAgentDto, type AgentDto } from "./dto";
import { assertNotArchived, getAgentInTenant } from "./get-agent";

/**
 * Archives an agent: a soft delete. It leaves lists and refuses runs and edits, while its
 * versions, runs and incidents stay readable (they name it). Archiving twice is a 409.
 */
export async function archiveAgent(ctx: TenantContext, { id }: { id: string }): Promise<AgentDto> {
  const { agent, config } = await getAgentInTenant(ctx, id, { lock: true });
  assertNotArchived(agent);
  const [row] = await ctx.tx
    .update(agents)
    .set({ archivedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(agents.tenantId, ctx.tenant.id), eq(agents.id, id)))
    .returning();
  await recordChange(ctx, "agent.archived", { targetId: id, facts: { status: agent.status }, personal: { name: agent.name } });
  return toAgentDto(row!, config);
}
