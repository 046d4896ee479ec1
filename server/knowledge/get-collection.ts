import { and, count, eq, sql } from "drizzle-orm";
import { knowledgeCollections, knowledgeDocuments } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { toCollectionDto, type CollectionDto } from "./dto";

/** Fetch-or-throw: "not yours" and "not there" are the same 404. */
export async function getCollectionRow(ctx: TenantContext, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(knowledgeCollections)
    .where(and(eq(knowledgeCollections.tenantId, ctx.tenant.id), eq(knowledgeCollections.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("Collection");
  return row;
}

export async function collectionCounts(ctx: TenantContext, id: string) {
  const [counts] = await ctx.tx
    .select({ documentCount: count(), chunkCount: sql<number>`coalesce(sum(${knowledgeDocuments.chunkCount}), 0)::int` })
    .from(knowledgeDocuments)
    .where(and(eq(knowledgeDocuments.tenantId, ctx.tenant.id), eq(knowledgeDocuments.collectionId, id)));
  return { documentCount: counts?.documentCount ?? 0, chunkCount: counts?.chunkCount ?? 0 };
}

export async function getCollection(ctx: TenantContext, { id }: { id: string }): Promise<CollectionDto> {
  const row = await getCollectionRow(ctx, id);
  return toCollectionDto(row, await collectionCounts(ctx, id));
}
