import { and, eq, inArray, isNull } from "drizzle-orm";
import { agents } from "@/db/schema";
import type { TenantContext } from "../request-context";
import type { AgentLookup } from "./validate";

/** The agents a node may name: this tenant's, not archived (a quarantined agent is refused when it runs, not here). */
export function tenantAgentLookup(ctx: Pick<TenantContext, "tx" | "tenant">): AgentLookup {
  return async (ids) => {
    const rows = await ctx.tx
      .select({ id: agents.id })
      .from(agents)
      .where(and(eq(agents.tenantId, ctx.tenant.id), inArray(agents.id, ids), isNull(agents.archivedAt)));
    return new Set(rows.map((r) => r.id));
  };
}
