import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { knowledgeChunks } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { documentRow } from "./add-document";
import { documentDto, toDocumentDto } from "./dto";
import { getCollectionRow } from "./get-collection";

/** Passages shown with a document; a longer one lists the first ones (its text is whole above). */
export const MAX_CHUNKS_SHOWN = 300;

export const documentDetailDto = z
  .object({
    document: documentDto,
    collectionName: z.string(),
    content: z.string(),
    chunks: z.array(z.object({ ordinal: z.number().int(), content: z.string() })),
  })
  .meta({ id: "KnowledgeDocumentDetail" });

export async function getDocument(ctx: TenantContext, { id }: { id: string }): Promise<z.infer<typeof documentDetailDto>> {
  const row = await documentRow(ctx, id);
  if (!row) throw new NotFoundError("Document");
  const collection = await getCollectionRow(ctx, row.collectionId);
  const chunks = await ctx.tx
    .select({ ordinal: knowledgeChunks.ordinal, content: knowledgeChunks.content })
    .from(knowledgeChunks)
    .where(and(eq(knowledgeChunks.tenantId, ctx.tenant.id), eq(knowledgeChunks.documentId, id)))
    .orderBy(asc(knowledgeChunks.ordinal))
    .limit(MAX_CHUNKS_SHOWN);
  return { document: toDocumentDto(row), collectionName: collection.name, content: row.content, chunks };
}
