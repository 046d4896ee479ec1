import { randomUUID } from "node:crypto";
import { webhookDeliveries } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError } from "../errors";
import type { TenantContext } from "../request-context";
import { toDeliveryDto, type WebhookDeliveryDto } from "./dto";
import { getEndpointInTenant } from "./get-endpoint";
import { messageBody } from "./message";

export const TEST_EVENT_TYPE = "webhook.test";

/**
 * Queues a test message to one endpoint (whatever it subscribes to). The audit row's event
 * (`webhook.test_sent`) is what makes the delivery function send it, once, after this commits.
 */
export async function sendTestEvent(ctx: TenantContext, input: { id: string }): Promise<WebhookDeliveryDto> {
  const endpoint = await getEndpointInTenant(ctx, input.id);
  if (endpoint.status !== "active") throw new ConflictError("This endpoint is disabled; enable it first.", "webhook_endpoint_disabled");
  const id = randomUUID();
  const eventId = `test_${id}`;
  const body = messageBody({
    id: eventId,
    type: TEST_EVENT_TYPE,
    version: 1,
    timestamp: new Date().toISOString(),
    correlationId: ctx.meta.correlationId ?? null,
    data: { endpointId: endpoint.id, message: "This is a test event from Agentry." },
  });
  const [row] = await ctx.tx
    .insert(webhookDeliveries)
    .values({
      id,
      tenantId: ctx.tenant.id,
      endpointId: endpoint.id,
      messageId: `msg_${eventId}`,
      eventId,
      eventType: TEST_EVENT_TYPE,
      kind: "test",
      requestBody: body,
    })
    .returning();
  await recordChange(ctx, "webhook.test_sent", { targetId: endpoint.id, facts: { deliveryId: id } });
  return toDeliveryDto(row!);
}
