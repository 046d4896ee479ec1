import type { seedTenant } from "../support/callers";

/** An API key of the organisation's owner with these scopes; returns the secret. */
export async function createApiKeyFor(org: Awaited<ReturnType<typeof seedTenant>>, scopes: string[]): Promise<string> {
  const { secret } = await org.as(org.owner).apiKeys.create({ name: `key ${scopes.join(" ")}`, scopes });
  return secret;
}
