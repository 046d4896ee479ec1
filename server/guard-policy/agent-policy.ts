import { and, eq, isNull } from "drizzle-orm";
import { agents, agentVersions } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { PolicyOverride } from "../guard/types";
import type { TenantContext } from "../request-context";

/** The guard overrides in an agent's current version (read-only: agents own that table). */
export async function agentPolicyOverride(ctx: TenantContext, agentId: string): Promise<PolicyOverride | null> {
  const [row] = await ctx.tx
    .select({ config: agentVersions.config })
    .from(agents)
    .innerJoin(
      agentVersions,
      and(
        eq(agentVersions.tenantId, agents.tenantId),
        eq(agentVersions.agentId, agents.id),
        eq(agentVersions.version, agents.currentVersion),
      ),
    )
    .where(and(eq(agents.tenantId, ctx.tenant.id), eq(agents.id, agentId), isNull(agents.archivedAt)))
    .limit(1);
  if (!row) throw new NotFoundError("Agent", "agent_not_found");
  return (row.config.guardPolicy as PolicyOverride | null) ?? null;
}
