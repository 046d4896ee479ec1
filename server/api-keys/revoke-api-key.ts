import { and, eq, isNull } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError, ForbiddenError } from "../errors";
import { actingMemberId, type TenantContext } from "../request-context";
import { canRevokeKeyOf, REVOKE_OTHERS_KEYS_FROM } from "../tenancy/permissions";
import { toApiKeyDto, type ApiKeyDto } from "./dto";
import { getApiKeyInTenant } from "./get-api-key";

/**
 * Revokes at once: the next request with this key is refused. Revoking twice is a 409. One's own
 * keys need `apikey:revoke`; another member's need an admin or owner (a key acts for its creator).
 */
export async function revokeApiKey(ctx: TenantContext, { id }: { id: string }): Promise<ApiKeyDto> {
  const { key, email } = await getApiKeyInTenant(ctx, id);
  const revokedBy = actingMemberId(ctx.principal);
  if (!canRevokeKeyOf({ userId: revokedBy, role: ctx.principal.role }, key.createdBy)) {
    throw new ForbiddenError(`Only an ${REVOKE_OTHERS_KEYS_FROM} or owner can revoke another member's API key.`, "revoke_others_key", {
      requiredRole: REVOKE_OTHERS_KEYS_FROM,
    });
  }
  const [row] = await ctx.tx
    .update(apiKeys)
    .set({ revokedAt: new Date(), revokedBy })
    .where(and(eq(apiKeys.tenantId, ctx.tenant.id), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) throw new ConflictError("This API key is already revoked.", "already_revoked");
  await recordChange(ctx, "apikey.revoked", { targetId: id, facts: { prefix: row.prefix }, personal: { name: row.name } });
  return toApiKeyDto(row, email);
}
