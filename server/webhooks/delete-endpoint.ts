import { count, eq } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { TenantContext } from "../request-context";
import { hostOfUrl } from "./url";
import { getEndpointInTenant } from "./get-endpoint";

/** Removes the endpoint and its delivery log (pending retries find it gone and stop). */
export async function deleteEndpoint(ctx: TenantContext, input: { id: string }): Promise<{ id: string; deleted: true }> {
  const row = await getEndpointInTenant(ctx, input.id, { forUpdate: true });
  const [deliveries] = await ctx.tx.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, row.id));
  await ctx.tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, row.id));
  await recordChange(ctx, "webhook.endpoint_deleted", {
    targetId: row.id,
    facts: { host: hostOfUrl(row.url), deliveries: deliveries?.n ?? 0 },
  });
  return { id: row.id, deleted: true };
}
