import { sql } from "drizzle-orm";
import { rowsOf } from "@/db";
import type { Scopes } from "@/db/scope";
import { TtlCache } from "../cache/ttl-cache";

/**
 * Which tenant holds a key, by its secret's hash, through the narrow definer function (the
 * caller cannot know the tenant before this). The mapping never changes for a hash, so it is
 * cached; whether the key is still valid is checked inside the tenant transaction every time.
 */
const cache = new TtlCache<string | null>(10 * 60_000, 10_000);

export function resolveKeyTenant(scopes: Scopes, secretHash: string): Promise<string | null> {
  return cache.get(secretHash, () =>
    scopes.withUser(null, async (tx) => {
      const [row] = rowsOf<{ tenant_id: string | null }>(await tx.execute(sql`select agentry_api_key_tenant(${secretHash}) as tenant_id`));
      return row?.tenant_id ?? null;
    }),
  );
}
