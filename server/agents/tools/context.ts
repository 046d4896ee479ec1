import type { Scopes } from "@/db/scope";
import { searchChunks } from "../../knowledge/search";
import { listAllowedHostNames } from "./hosts/list-allowed-hosts";
import type { ToolContext } from "./types";

/**
 * The context a run hands its tools. The allow-list is read once, in a short transaction of its
 * own; each knowledge search opens its own short read transaction — no transaction is held while
 * a model or a tool is awaited. `collectionIds` empty = all the tenant's collections.
 */
export async function createToolContext(
  scopes: Scopes,
  tenantId: string,
  opts: { collectionIds?: readonly string[]; signal: AbortSignal },
): Promise<ToolContext> {
  const allowedHosts = await scopes.withTenant(tenantId, (tx) => listAllowedHostNames(tx, tenantId));
  const collectionIds = opts.collectionIds && opts.collectionIds.length > 0 ? [...opts.collectionIds] : undefined;
  return {
    tenantId,
    allowedHosts,
    signal: opts.signal,
    search: (query, limit) => scopes.withTenant(tenantId, (tx) => searchChunks(tx, tenantId, { query, limit, collectionIds })),
  };
}
