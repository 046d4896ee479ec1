import { and, eq, getTableColumns } from "drizzle-orm";
import { knowledgeDocuments } from "@/db/schema";
import { keysetPage, newestFirst, newestFirstKey } from "../pagination";
import type { TenantContext } from "../request-context";
import { toDocumentDto, type DocumentDto } from "./dto";
import { getCollectionRow } from "./get-collection";

/** A collection's documents, newest first (without their text), keyset-paginated. */
export async function listDocuments(
  ctx: TenantContext,
  input: { collectionId: string; cursor?: string; limit: number },
): Promise<{ items: DocumentDto[]; nextCursor: string | null }> {
  await getCollectionRow(ctx, input.collectionId);
  const keyset = newestFirst(knowledgeDocuments.createdAt, knowledgeDocuments.id, input.cursor);
  const { content: _content, ...columns } = getTableColumns(knowledgeDocuments);
  const rows = await ctx.tx
    .select(columns)
    .from(knowledgeDocuments)
    .where(and(eq(knowledgeDocuments.tenantId, ctx.tenant.id), eq(knowledgeDocuments.collectionId, input.collectionId), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(rows, input.limit, (r) => toDocumentDto({ ...r, content: "" }), newestFirstKey);
}
