import { and, eq } from "drizzle-orm";
import { webhookEndpoints } from "@/db/schema";
import { keysetPage, newestFirst, newestFirstKey } from "../pagination";
import type { TenantContext } from "../request-context";
import { toEndpointDto, type WebhookEndpointDto } from "./dto";

/** Newest first, keyset-paginated. */
export async function listEndpoints(
  ctx: TenantContext,
  input: { cursor?: string; limit: number },
): Promise<{ items: WebhookEndpointDto[]; nextCursor: string | null }> {
  const keyset = newestFirst(webhookEndpoints.createdAt, webhookEndpoints.id, input.cursor);
  const rows = await ctx.tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, ctx.tenant.id), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(rows, input.limit, toEndpointDto, newestFirstKey);
}
