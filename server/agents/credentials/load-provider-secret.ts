import type { CredentialProvider } from "@/db/schema";
import { openSecret } from "../../crypto/envelope";
import { currentKeyring } from "../../crypto/keyring";
import { ConflictError, ValidationError } from "../../errors";
import type { TenantContext } from "../../request-context";
import { credentialBinding } from "./dto";
import { getProviderCredentialInTenant } from "./get-provider-credential";

export type ProviderSecret = { provider: CredentialProvider; baseUrl: string | null; apiKey: string };

/**
 * The decrypted key for the runs engine. Call it in its own short transaction
 * (`runInTenant(…, (ctx) => loadProviderSecret(ctx, id))`), then call the model after that
 * transaction has closed. The key lives only in memory: never log it, store it, or put it in an
 * error (the providers scrub it from vendor messages).
 */
export async function loadProviderSecret(
  ctx: TenantContext,
  credentialId: string,
  options: { provider?: CredentialProvider } = {},
): Promise<ProviderSecret> {
  const row = await getProviderCredentialInTenant(ctx, credentialId);
  if (row.revokedAt) throw new ConflictError("This provider key has been revoked; choose another for the agent.", "credential_revoked");
  if (options.provider && row.provider !== options.provider) {
    throw new ValidationError(`This key is for ${row.provider}, not ${options.provider}.`, undefined, "credential_provider_mismatch");
  }
  const apiKey = openSecret(currentKeyring(), row, credentialBinding(row.tenantId, row.id));
  return { provider: row.provider, baseUrl: row.baseUrl, apiKey };
}
