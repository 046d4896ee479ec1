import { and, eq, isNull } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { ConflictError } from "../errors";
import type { TenantContext } from "../request-context";
import { toApiKeyDto, type ApiKeyDto } from "./dto";
import { getApiKeyInTenant } from "./get-api-key";

/** Revokes at once: the next request with this key is refused. Revoking twice is a 409. */
export async function revokeApiKey(ctx: TenantContext, id: string): Promise<ApiKeyDto> {
  const { email } = await getApiKeyInTenant(ctx, id);
  const revokedBy = ctx.principal.type === "user" ? ctx.principal.userId : ctx.principal.createdBy;
  const [row] = await ctx.tx
    .update(apiKeys)
    .set({ revokedAt: new Date(), revokedBy })
    .where(and(eq(apiKeys.tenantId, ctx.tenant.id), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  if (!row) throw new ConflictError("This API key is already revoked.", "already_revoked");
  await recordAudit(ctx, { action: "apikey.revoked", target: { type: "api_key", id }, diff: { name: row.name, prefix: row.prefix } });
  return toApiKeyDto(row, email);
}
