import { index, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

export const CREDENTIAL_PROVIDERS = ["openai", "anthropic"] as const;
export type CredentialProvider = (typeof CREDENTIAL_PROVIDERS)[number];

/**
 * A tenant's own key for a model vendor, encrypted at rest by envelope encryption: the key is
 * sealed with a random data key (AES-256-GCM), and the data key is sealed with the installation's
 * key-encryption key `kek_id` (rotation re-wraps `wrapped_key` only). Shown once, never again.
 */
export const providerCredentials = pgTable(
  "provider_credentials",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    name: text().notNull(),
    provider: text({ enum: CREDENTIAL_PROVIDERS }).notNull(),
    /** OpenAI-compatible servers (vLLM, Ollama…) live at their own base URL; null = the vendor's. */
    baseUrl: text(),
    /** base64 of iv ‖ ciphertext ‖ tag of the secret under the data key. */
    ciphertext: text().notNull(),
    /** base64 of iv ‖ wrapped data key ‖ tag under the KEK named by `kek_id`. */
    wrappedKey: text().notNull(),
    kekId: text().notNull(),
    /** The last four characters, so people can tell keys apart. */
    hint: text().notNull(),
    createdBy: uuid(),
    revokedAt: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
    rotatedAt: timestamptz(),
  },
  (t) => [
    unique("provider_credentials_tenant_id_key").on(t.tenantId, t.id),
    index("provider_credentials_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("provider_credentials_kek_idx").on(t.kekId),
    ...tenantIsolationPolicies("provider_credentials"),
  ],
);

export type ProviderCredential = typeof providerCredentials.$inferSelect;
