import { eq } from "drizzle-orm";
import { z } from "zod";
import { webhookEndpoints } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ValidationError } from "../errors";
import type { TenantContext } from "../request-context";
import { descriptionInput } from "./create-endpoint";
import { toEndpointDto, type WebhookEndpointDto } from "./dto";
import { eventTypesInput } from "./event-types";
import { webhookFiltersInput } from "./filters";
import { getEndpointInTenant } from "./get-endpoint";
import { assertPublicTarget, hostOfUrl, webhookUrlInput } from "./url";

export const updateEndpointInput = z.object({
  id: z.uuid(),
  url: webhookUrlInput.optional(),
  description: descriptionInput.optional(),
  eventTypes: eventTypesInput.optional(),
  filters: webhookFiltersInput.optional(),
});

type Field = "url" | "description" | "eventTypes" | "filters";

/** Changes what is given; a new URL is vetted like a new endpoint. Nothing given, or nothing different: 400. */
export async function updateEndpoint(ctx: TenantContext, input: z.output<typeof updateEndpointInput>): Promise<WebhookEndpointDto> {
  const row = await getEndpointInTenant(ctx, input.id, { forUpdate: true });
  const changed: Field[] = [];
  if (input.url !== undefined && input.url !== row.url) changed.push("url");
  if (input.description !== undefined && input.description !== row.description) changed.push("description");
  if (input.eventTypes !== undefined && JSON.stringify(input.eventTypes) !== JSON.stringify(row.eventTypes)) changed.push("eventTypes");
  if (input.filters !== undefined && JSON.stringify(input.filters) !== JSON.stringify(row.filters)) changed.push("filters");
  if (changed.length === 0) throw new ValidationError("Nothing to change.", undefined, "nothing_to_change");
  if (changed.includes("url")) await assertPublicTarget(ctx.tenant.id, input.url!);
  const [updated] = await ctx.tx
    .update(webhookEndpoints)
    .set({
      ...(changed.includes("url") ? { url: input.url } : {}),
      ...(changed.includes("description") ? { description: input.description } : {}),
      ...(changed.includes("eventTypes") ? { eventTypes: input.eventTypes } : {}),
      ...(changed.includes("filters") ? { filters: input.filters } : {}),
      updatedAt: new Date(),
    })
    .where(eq(webhookEndpoints.id, row.id))
    .returning();
  await recordChange(ctx, "webhook.endpoint_updated", {
    targetId: row.id,
    facts: { host: hostOfUrl(updated!.url), fields: changed },
    personal: { description: updated!.description },
  });
  return toEndpointDto(updated!);
}
