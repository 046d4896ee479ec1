import { and, eq, isNull } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { TenantContext } from "../request-context";
import { toApiKeyDto, type ApiKeyDto } from "./dto";
import { getApiKeyInTenant } from "./get-api-key";

/**
 * Suspends a key: the next request with it is refused (403 `api_key_suspended`) until it is
 * reinstated. Called by the incident-response playbook, in the transaction that records the
 * response. A key already suspended or revoked is left as it is: `changed: false`, no audit row.
 * The key lookup cache holds only hash → tenant, and the key's state is read on every request, so
 * nothing needs invalidating.
 */
export async function suspendApiKey(
  ctx: TenantContext,
  input: { id: string; reason: string; responseId: string | null; incidentId: string | null },
): Promise<ApiKeyDto & { changed: boolean }> {
  const { key, email } = await getApiKeyInTenant(ctx, input.id);
  const [row] = await ctx.tx
    .update(apiKeys)
    .set({ suspendedAt: new Date(), suspendedReason: input.reason })
    .where(and(eq(apiKeys.tenantId, ctx.tenant.id), eq(apiKeys.id, input.id), isNull(apiKeys.suspendedAt), isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) return { ...toApiKeyDto(key, email), changed: false };
  await recordChange(ctx, "apikey.suspended", {
    targetId: row.id,
    facts: { prefix: row.prefix, responseId: input.responseId, incidentId: input.incidentId },
    personal: { name: row.name },
  });
  return { ...toApiKeyDto(row, email), changed: true };
}
