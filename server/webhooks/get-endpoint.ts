import { and, eq } from "drizzle-orm";
import { webhookEndpoints, type WebhookEndpoint } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { toEndpointDto, type WebhookEndpointDto } from "./dto";

/** The row, or 404 — also for another organisation's id (its row is invisible under RLS). */
export async function getEndpointInTenant(ctx: TenantContext, id: string, options: { forUpdate?: boolean } = {}): Promise<WebhookEndpoint> {
  const query = ctx.tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, ctx.tenant.id), eq(webhookEndpoints.id, id)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("Webhook endpoint", "webhook_endpoint_not_found");
  return row;
}

export async function getEndpoint(ctx: TenantContext, input: { id: string }): Promise<WebhookEndpointDto> {
  return toEndpointDto(await getEndpointInTenant(ctx, input.id));
}
