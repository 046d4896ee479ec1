import { and, eq, isNull } from "drizzle-orm";
import { providerCredentials } from "@/db/schema";
import { recordChange } from "../../audit/record-change";
import { ConflictError } from "../../errors";
import type { TenantContext } from "../../request-context";
import { toProviderCredentialDto, type ProviderCredentialDto } from "./dto";
import { getProviderCredentialInTenant } from "./get-provider-credential";

/**
 * Revokes at once: the next run that would use this key fails over to the agent's next model (or
 * fails with a clear error). The sealed secret is erased with it — a revoked key is never needed
 * again, and a row that cannot be decrypted cannot leak.
 */
export async function revokeProviderCredential(ctx: TenantContext, { id }: { id: string }): Promise<ProviderCredentialDto> {
  await getProviderCredentialInTenant(ctx, id);
  const [row] = await ctx.tx
    .update(providerCredentials)
    .set({ revokedAt: new Date(), ciphertext: "", wrappedKey: "" })
    .where(and(eq(providerCredentials.tenantId, ctx.tenant.id), eq(providerCredentials.id, id), isNull(providerCredentials.revokedAt)))
    .returning();
  if (!row) throw new ConflictError("This provider key is already revoked.", "already_revoked");
  await recordChange(ctx, "provider_credential.revoked", { targetId: id, facts: { provider: row.provider }, personal: { name: row.name } });
  return toProviderCredentialDto(row);
}
