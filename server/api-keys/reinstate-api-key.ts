import { and, eq, isNotNull } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { TenantContext } from "../request-context";
import { toApiKeyDto, type ApiKeyDto } from "./dto";
import { getApiKeyInTenant } from "./get-api-key";

/**
 * Lifts a suspension: the key works again at once. Reinstating a key that is not suspended
 * changes nothing (`changed: false`, no audit row), so a double click or a replayed undo is
 * harmless. `responseId`: the automatic response being undone, when it is one.
 */
export async function reinstateApiKey(
  ctx: TenantContext,
  input: { id: string; responseId?: string | null },
): Promise<ApiKeyDto & { changed: boolean }> {
  const { key, email } = await getApiKeyInTenant(ctx, input.id);
  const [row] = await ctx.tx
    .update(apiKeys)
    .set({ suspendedAt: null, suspendedReason: null })
    .where(and(eq(apiKeys.tenantId, ctx.tenant.id), eq(apiKeys.id, input.id), isNotNull(apiKeys.suspendedAt)))
    .returning();
  if (!row) return { ...toApiKeyDto(key, email), changed: false };
  await recordChange(ctx, "apikey.reinstated", {
    targetId: row.id,
    facts: { prefix: row.prefix, responseId: input.responseId ?? null },
    personal: { name: row.name },
  });
  return { ...toApiKeyDto(row, email), changed: true };
}
