import { randomUUID } from "node:crypto";
import { webhookDeliveries } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError } from "../errors";
import type { TenantContext } from "../request-context";
import { toDeliveryDto, type WebhookDeliveryDto } from "./dto";
import { getEndpointInTenant } from "./get-endpoint";
import { getDeliveryInTenant } from "./list-deliveries";

/**
 * Sends a delivery again as a new, single attempt: the same body and the same `webhook-id` (it is
 * the same message, so a receiver that already has it may ignore it), freshly signed. Audited;
 * the audit row's event (`webhook.delivery_resent`) makes the delivery function send it.
 */
export async function resendDelivery(ctx: TenantContext, input: { id: string }): Promise<WebhookDeliveryDto> {
  const original = await getDeliveryInTenant(ctx, input.id);
  const endpoint = await getEndpointInTenant(ctx, original.endpointId);
  if (endpoint.status !== "active") throw new ConflictError("This endpoint is disabled; enable it first.", "webhook_endpoint_disabled");
  if (original.status === "pending") throw new ConflictError("This delivery is still being attempted.", "webhook_delivery_pending");
  const id = randomUUID();
  const [row] = await ctx.tx
    .insert(webhookDeliveries)
    .values({
      id,
      tenantId: ctx.tenant.id,
      endpointId: endpoint.id,
      messageId: original.messageId,
      eventId: original.eventId,
      eventType: original.eventType,
      kind: "resend",
      resendOf: original.id,
      requestBody: original.requestBody,
    })
    .returning();
  await recordChange(ctx, "webhook.delivery_resent", {
    targetId: endpoint.id,
    facts: { deliveryId: id, resendOf: original.id, eventId: original.eventId, eventType: original.eventType },
  });
  return toDeliveryDto(row!);
}
