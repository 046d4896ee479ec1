import { sql } from "drizzle-orm";
import { rowsOf } from "@/db";
import type { Scopes } from "@/db/scope";

/**
 * Which tenant holds a key, by its secret's hash, through the narrow definer function (the
 * caller cannot know the tenant before this). The mapping never changes for a hash, so it is
 * cached; whether the key is still valid is checked inside the tenant transaction every time.
 */
const cache = new Map<string, string>();
const MAX_ENTRIES = 10_000;

export async function resolveKeyTenant(scopes: Scopes, secretHash: string): Promise<string | null> {
  const cached = cache.get(secretHash);
  if (cached) return cached;
  const tenantId = await scopes.withUser(null, async (tx) => {
    const [row] = rowsOf<{ tenant_id: string | null }>(
      await tx.execute(sql`select agentry_api_key_tenant(${secretHash}) as tenant_id`),
    );
    return row?.tenant_id ?? null;
  });
  if (tenantId) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(secretHash, tenantId);
  }
  return tenantId;
}
