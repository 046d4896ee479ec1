import { and, eq } from "drizzle-orm";
import { httpAllowedHosts } from "@/db/schema";
import { recordChange } from "../../../audit/record-change";
import { NotFoundError } from "../../../errors";
import type { TenantContext } from "../../../request-context";

/** Agents' `http_request` may no longer call this host (from their next run on). */
export async function removeAllowedHost(ctx: TenantContext, { id }: { id: string }): Promise<{ removed: true }> {
  const [row] = await ctx.tx
    .delete(httpAllowedHosts)
    .where(and(eq(httpAllowedHosts.tenantId, ctx.tenant.id), eq(httpAllowedHosts.id, id)))
    .returning();
  if (!row) throw new NotFoundError("Allowed host");
  await recordChange(ctx, "tool.host_removed", { targetId: row.id, facts: { host: row.host } });
  return { removed: true };
}
