/** What the Playwright config decided, shared by the server script and the specs. */
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The e2e database's name; the fixture (tests/support/databases.ts) refuses a non-local cluster. */
export function e2eDatabaseName(): string {
  const name = process.env.E2E_DB_NAME;
  if (!name) throw new Error("E2E_DB_NAME is not set: run through `playwright test`.");
  return name;
}

export const adminDatabaseUrl = () => ADMIN_URL;
export const baseUrl = () => process.env.E2E_BASE_URL ?? "http://127.0.0.1:3100";
export const redisUrl = () => process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const E2E_AUTH_SECRET = "e2e-secret-0123456789abcdef0123456789abcdef";
/** The key-encryption key of the e2e server (base64 of 32 bytes; test-only). */
export const E2E_KEK = Buffer.from("e2e-kek-0123456789abcdef01234567").toString("base64");
export const E2E_BRIDGE_TOKEN = "e2e-bridge-token";

/** The local OpenID Provider (e2e/support/oidc-provider.ts) the server uses for single sign-on. */
export const oidcIssuer = () => `http://127.0.0.1:${process.env.E2E_OIDC_PORT ?? 3102}`;
export const E2E_OIDC_CLIENT_ID = "agentry-e2e";
export const E2E_OIDC_CLIENT_SECRET = "e2e-oidc-client-secret";
/** What the sign-in page's button says: "Continue with Test SSO". */
export const E2E_OIDC_NAME = "Test SSO";

/** The local Stripe-speaking server (tests/support/fake-stripe-server.ts) the e2e app bills through: E2E_PORT + 3. */
export const stripeApiBase = () => `http://127.0.0.1:${Number(new URL(baseUrl()).port) + 3}`;
