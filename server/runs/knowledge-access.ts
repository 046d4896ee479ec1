import type { KnowledgeHit } from "./ports";
import type { DomainContext } from "../request-context";
import { runInTenant, type TenantAccess } from "../tenancy/tenant-context";
import { searchKnowledge } from "./ports";

export type Source = { documentId: string; documentTitle: string; chunkId: string };

/**
 * Knowledge search for a run's model (the `local` provider) and tools: each search is its own
 * short read-only transaction, opened while the model waits for it, never around the model.
 * Every hit handed out is remembered so the run can show what it cited.
 */
export function knowledgeAccess(deps: DomainContext, access: TenantAccess, collectionIds: readonly string[]) {
  const sources = new Map<string, Source>();
  const search = async (query: string, limit: number): Promise<KnowledgeHit[]> => {
    const hits = await runInTenant(
      deps,
      access,
      (ctx) => searchKnowledge(ctx, { query, limit, ...(collectionIds.length ? { collectionIds: [...collectionIds] } : {}) }),
      { readOnly: true },
    );
    for (const hit of hits)
      sources.set(hit.chunkId, { documentId: hit.documentId, documentTitle: hit.documentTitle, chunkId: hit.chunkId });
    return hits;
  };
  /** The sources retrieved since the last call, and forget them (one model turn's worth). */
  const takeSources = (): Source[] => {
    const out = [...sources.values()];
    sources.clear();
    return out;
  };
  return { search, takeSources };
}
