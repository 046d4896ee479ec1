import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { webhookEndpoints } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError } from "../errors";
import { actingMemberId, type TenantContext } from "../request-context";
import { toEndpointDto, type WebhookEndpointDto } from "./dto";
import { eventTypesInput } from "./event-types";
import { webhookFiltersInput } from "./filters";
import { MAX_ENDPOINTS } from "./policy";
import { newSigningSecret, sealSigningSecret } from "./secret";
import { assertPublicTarget, hostOfUrl, webhookUrlInput } from "./url";

export const descriptionInput = z
  .string()
  .trim()
  .max(500)
  .refine((value) => !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value), { message: "controlCharacters" })
  .default("")
  .describe("What this endpoint is for");

export const createEndpointInput = z.object({
  url: webhookUrlInput,
  description: descriptionInput,
  eventTypes: eventTypesInput,
  filters: webhookFiltersInput,
});

/**
 * Subscribes a URL to events. The URL must point at a public host now (checked after DNS) and is
 * checked again at every delivery. The signing secret is generated here, sealed, and returned
 * this once.
 */
export async function createEndpoint(
  ctx: TenantContext,
  input: z.output<typeof createEndpointInput>,
): Promise<WebhookEndpointDto & { secret: string }> {
  await assertPublicTarget(ctx.tenant.id, input.url);
  const [existing] = await ctx.tx.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.tenantId, ctx.tenant.id));
  if ((existing?.n ?? 0) >= MAX_ENDPOINTS) {
    throw new ConflictError(`An organisation may have at most ${MAX_ENDPOINTS} webhook endpoints.`, "webhook_endpoint_limit");
  }
  const id = randomUUID();
  const secret = newSigningSecret();
  const sealed = sealSigningSecret(secret, ctx.tenant.id, id);
  const [row] = await ctx.tx
    .insert(webhookEndpoints)
    .values({
      id,
      tenantId: ctx.tenant.id,
      url: input.url,
      description: input.description,
      eventTypes: input.eventTypes,
      filters: input.filters,
      ...sealed,
      createdBy: actingMemberId(ctx.principal),
    })
    .returning();
  await recordChange(ctx, "webhook.endpoint_created", {
    targetId: id,
    facts: { host: hostOfUrl(input.url), eventTypes: input.eventTypes, filters: input.filters.length },
    personal: { description: input.description },
  });
  return { ...toEndpointDto(row!), secret };
}
