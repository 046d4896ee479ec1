import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { WEBHOOK_DELIVERY_STATUSES, webhookDeliveries } from "@/db/schema";
import { NotFoundError } from "../errors";
import { keysetPage, newestFirst, newestFirstKey, pageInput } from "../pagination";
import type { TenantContext } from "../request-context";
import { toDeliveryDetailDto, toDeliveryDto, type WebhookDeliveryDetailDto, type WebhookDeliveryDto } from "./dto";
import { getEndpointInTenant } from "./get-endpoint";

export const listDeliveriesInput = z.object({
  id: z.uuid(),
  ...pageInput,
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional().describe("Only deliveries in this state"),
});

/** An endpoint's delivery log, newest first. */
export async function listDeliveries(
  ctx: TenantContext,
  input: z.output<typeof listDeliveriesInput>,
): Promise<{ items: WebhookDeliveryDto[]; nextCursor: string | null }> {
  await getEndpointInTenant(ctx, input.id);
  const keyset = newestFirst(webhookDeliveries.createdAt, webhookDeliveries.id, input.cursor);
  const rows = await ctx.tx
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, ctx.tenant.id),
        eq(webhookDeliveries.endpointId, input.id),
        input.status ? eq(webhookDeliveries.status, input.status) : undefined,
        keyset.where,
      ),
    )
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(rows, input.limit, toDeliveryDto, newestFirstKey);
}

export async function getDeliveryInTenant(ctx: TenantContext, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.tenantId, ctx.tenant.id), eq(webhookDeliveries.id, id)));
  if (!row) throw new NotFoundError("Webhook delivery", "webhook_delivery_not_found");
  return row;
}

/** One delivery with the request as sent and the response excerpt. */
export async function getDelivery(ctx: TenantContext, input: { id: string }): Promise<WebhookDeliveryDetailDto> {
  return toDeliveryDetailDto(await getDeliveryInTenant(ctx, input.id));
}
