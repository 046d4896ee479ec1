import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CREDENTIAL_PROVIDERS, providerCredentials } from "@/db/schema";
import { recordChange } from "../../audit/record-change";
import { currentKeyring } from "../../crypto/keyring";
import { sealSecret } from "../../crypto/envelope";
import { env } from "../../env";
import { actingMemberId, type TenantContext } from "../../request-context";
import { nameText } from "../../text";
import { baseUrlProblem, normaliseBaseUrl } from "./base-url";
import { credentialBinding, toProviderCredentialDto, type ProviderCredentialDto } from "./dto";

export const createProviderCredentialInput = z.object({
  name: nameText(1, 80, { min: "nameTheCredential" }),
  provider: z.enum(CREDENTIAL_PROVIDERS),
  baseUrl: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((value) => value || null)
    .superRefine((value, ctx) => {
      const problem = value ? baseUrlProblem(value, { production: env.NODE_ENV === "production" }) : null;
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe("An OpenAI-compatible server (vLLM, Ollama…), e.g. https://llm.example.com/v1; leave out for the vendor's own API"),
  apiKey: z
    .string()
    .trim()
    .min(8, "apiKeyShape")
    .max(500, "apiKeyShape")
    .regex(/^[\x21-\x7e]+$/, "apiKeyShape")
    .describe("The vendor's secret key; stored encrypted and never returned"),
});

export type CreateProviderCredentialInput = z.input<typeof createProviderCredentialInput>;

/**
 * Stores a tenant's model-vendor key, sealed by envelope encryption (server/crypto) and bound to
 * this tenant and row. Only its last four characters are kept in the clear; neither this response
 * nor any other returns the key, and the audit row records the provider, never the secret.
 */
export async function createProviderCredential(
  ctx: TenantContext,
  input: z.output<typeof createProviderCredentialInput>,
): Promise<ProviderCredentialDto> {
  const id = randomUUID();
  const baseUrl = input.baseUrl ? normaliseBaseUrl(input.baseUrl) : null;
  const sealed = sealSecret(currentKeyring(), input.apiKey, credentialBinding(ctx.tenant.id, id));
  const [row] = await ctx.tx
    .insert(providerCredentials)
    .values({
      id,
      tenantId: ctx.tenant.id,
      name: input.name,
      provider: input.provider,
      baseUrl,
      ciphertext: sealed.ciphertext,
      wrappedKey: sealed.wrappedKey,
      kekId: sealed.kekId,
      hint: input.apiKey.slice(-4),
      createdBy: actingMemberId(ctx.principal),
    })
    .returning();
  await recordChange(ctx, "provider_credential.created", {
    targetId: id,
    facts: { provider: input.provider, baseUrl, kekId: sealed.kekId },
    personal: { name: input.name },
  });
  return toProviderCredentialDto(row!);
}
