import { and, eq, ilike, isNotNull, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { AGENT_STATUSES, agents, agentVersions } from "@/db/schema";
import { keysetPage, newestFirst, newestFirstKey, pageInput } from "../pagination";
import type { TenantContext } from "../request-context";
import { toAgentSummaryDto, type AgentSummaryDto } from "./dto";

export const listAgentsInput = z.object({
  ...pageInput,
  q: z.string().trim().max(100).optional().describe("Matches the name or description, case-insensitively"),
  status: z.enum(AGENT_STATUSES).optional(),
  archived: z.enum(["exclude", "include", "only"]).default("exclude").describe("Archived agents are left out unless asked for"),
});

export type ListAgentsInput = z.infer<typeof listAgentsInput>;

/** `%` and `_` typed in a search box are letters, not wildcards. */
function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first, keyset-paginated on (created_at to the millisecond, id), with each agent's current provider and model. */
export async function listAgents(
  ctx: TenantContext,
  input: ListAgentsInput,
): Promise<{ items: AgentSummaryDto[]; nextCursor: string | null }> {
  const keyset = newestFirst(agents.createdAt, agents.id, input.cursor);
  const pattern = input.q ? `%${escapeLike(input.q)}%` : null;
  const rows = await ctx.tx
    .select({ agent: agents, config: agentVersions.config })
    .from(agents)
    .leftJoin(
      agentVersions,
      and(
        eq(agentVersions.tenantId, agents.tenantId),
        eq(agentVersions.agentId, agents.id),
        eq(agentVersions.version, agents.currentVersion),
      ),
    )
    .where(
      and(
        eq(agents.tenantId, ctx.tenant.id),
        input.archived === "exclude" ? isNull(agents.archivedAt) : input.archived === "only" ? isNotNull(agents.archivedAt) : undefined,
        input.status ? eq(agents.status, input.status) : undefined,
        pattern ? or(ilike(agents.name, pattern), ilike(agents.description, pattern)) : undefined,
        keyset.where,
      ),
    )
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(
    rows,
    input.limit,
    (r) => toAgentSummaryDto(r.agent, r.config),
    (r) => newestFirstKey(r.agent),
  );
}
