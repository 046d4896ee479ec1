import { and, eq, sql } from "drizzle-orm";
import { knowledgeCollections, knowledgeDocuments } from "@/db/schema";
import { keysetPage, newestFirst, newestFirstKey } from "../pagination";
import type { TenantContext } from "../request-context";
import { toCollectionDto, type CollectionDto } from "./dto";

/** Newest first, with document and chunk counts, keyset-paginated. */
export async function listCollections(
  ctx: TenantContext,
  input: { cursor?: string; limit: number },
): Promise<{ items: CollectionDto[]; nextCursor: string | null }> {
  const keyset = newestFirst(knowledgeCollections.createdAt, knowledgeCollections.id, input.cursor);
  const counts = ctx.tx
    .select({
      collectionId: knowledgeDocuments.collectionId,
      documentCount: sql<number>`count(*)::int`.as("document_count"),
      chunkCount: sql<number>`sum(${knowledgeDocuments.chunkCount})::int`.as("chunk_count"),
    })
    .from(knowledgeDocuments)
    .where(eq(knowledgeDocuments.tenantId, ctx.tenant.id))
    .groupBy(knowledgeDocuments.collectionId)
    .as("counts");
  const rows = await ctx.tx
    .select({ collection: knowledgeCollections, documentCount: counts.documentCount, chunkCount: counts.chunkCount })
    .from(knowledgeCollections)
    .leftJoin(counts, eq(counts.collectionId, knowledgeCollections.id))
    .where(and(eq(knowledgeCollections.tenantId, ctx.tenant.id), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(
    rows,
    input.limit,
    (r) => toCollectionDto(r.collection, { documentCount: r.documentCount ?? 0, chunkCount: r.chunkCount ?? 0 }),
    (r) => newestFirstKey(r.collection),
  );
}
