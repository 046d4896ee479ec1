import { z } from "zod";
import { CREDENTIAL_PROVIDERS, type ProviderCredential } from "@/db/schema";

/** What the portal and the API see of a provider key: never the key, only its last four characters. */
export const providerCredentialDto = z
  .object({
    id: z.uuid(),
    name: z.string(),
    provider: z.enum(CREDENTIAL_PROVIDERS),
    baseUrl: z.string().nullable().describe("The server the key is sent to; null means the vendor's own API"),
    hint: z.string().describe("The key's last four characters, to tell keys apart"),
    createdBy: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    status: z.enum(["active", "revoked"]),
  })
  .meta({ id: "ProviderCredential" });

export type ProviderCredentialDto = z.infer<typeof providerCredentialDto>;

export function toProviderCredentialDto(row: ProviderCredential): ProviderCredentialDto {
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    baseUrl: row.baseUrl,
    hint: row.hint,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status: row.revokedAt ? "revoked" : "active",
  };
}

/** The envelope binding of a credential's secret: its purpose, tenant and row. */
export const credentialBinding = (tenantId: string, id: string) => ({ purpose: "provider_credential", tenantId, id });
