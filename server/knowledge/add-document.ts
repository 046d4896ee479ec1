import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { DOCUMENT_SOURCES, knowledgeChunks, knowledgeDocuments } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError, ValidationError } from "../errors";
import { actingMemberId, type TenantContext } from "../request-context";
import { nameText } from "../text";
import { chunkDocument } from "./chunk";
import { toDocumentDto, type DocumentDto } from "./dto";
import { DocumentTooLargeError } from "./errors";
import { getCollectionRow } from "./get-collection";
import { CHUNK_INSERT_BATCH, DOCUMENT_MIME_TYPES, MAX_DOCUMENT_BYTES, MAX_TENANT_BYTES, MAX_TENANT_DOCUMENTS } from "./limits";
import { searchText } from "./tokenize";

export const addDocumentInput = z.object({
  collectionId: z.uuid(),
  title: nameText(1, 200, { min: "nameTheDocument" }),
  // The size bound is in bytes, checked by the verb (a 413, not a 400); this only refuses what Postgres cannot store.
  content: z.string().refine((text) => !text.includes("\u0000"), { message: "invalidCharacters" }),
  mimeType: z
    .enum(DOCUMENT_MIME_TYPES)
    .default("text/plain")
    .describe("text/plain or text/markdown (Markdown headings are kept as context); application/pdf for text extracted from a PDF"),
  source: z.enum(DOCUMENT_SOURCES).default("paste"),
});

export type AddDocumentInput = z.input<typeof addDocumentInput>;

/**
 * Adds a document: the text is split into passages, each indexed by the shared tokeniser, and the
 * document and all its chunks are written in the caller's one transaction — a failure anywhere
 * leaves nothing behind (no document without its chunks, no orphan chunks).
 */
export async function addDocument(ctx: TenantContext, input: z.output<typeof addDocumentInput>): Promise<DocumentDto> {
  const bytes = Buffer.byteLength(input.content, "utf8");
  if (bytes > MAX_DOCUMENT_BYTES) throw new DocumentTooLargeError(bytes, MAX_DOCUMENT_BYTES);
  const chunks = chunkDocument(input.content, input.mimeType);
  if (chunks.length === 0)
    throw new ValidationError("The document has no text.", { content: "The document has no text" }, "document_empty");
  const collection = await getCollectionRow(ctx, input.collectionId);

  const [usage] = await ctx.tx
    .select({ documents: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(${knowledgeDocuments.bytes}), 0)::bigint` })
    .from(knowledgeDocuments)
    .where(eq(knowledgeDocuments.tenantId, ctx.tenant.id));
  const usedBytes = Number(usage?.bytes ?? 0);
  if ((usage?.documents ?? 0) >= MAX_TENANT_DOCUMENTS || usedBytes + bytes > MAX_TENANT_BYTES) {
    throw new ConflictError("The knowledge base is full: delete documents you no longer need first.", "knowledge_limit", {
      maxDocuments: MAX_TENANT_DOCUMENTS,
      maxBytes: MAX_TENANT_BYTES,
      usedBytes,
    });
  }

  const [row] = await ctx.tx
    .insert(knowledgeDocuments)
    .values({
      tenantId: ctx.tenant.id,
      collectionId: collection.id,
      title: input.title,
      source: input.source,
      mimeType: input.mimeType,
      bytes,
      content: input.content,
      chunkCount: chunks.length,
      createdBy: actingMemberId(ctx.principal),
    })
    .returning();
  const document = row!;
  for (let start = 0; start < chunks.length; start += CHUNK_INSERT_BATCH) {
    await ctx.tx.insert(knowledgeChunks).values(
      chunks.slice(start, start + CHUNK_INSERT_BATCH).map((content, i) => ({
        tenantId: ctx.tenant.id,
        collectionId: collection.id,
        documentId: document.id,
        ordinal: start + i,
        content,
        searchText: searchText(content),
      })),
    );
  }
  await recordChange(ctx, "knowledge.document_added", {
    targetId: document.id,
    facts: { collectionId: collection.id, source: input.source, mimeType: input.mimeType, bytes, chunks: chunks.length },
    personal: { title: document.title },
  });
  return toDocumentDto(document);
}

/** The document row, in this tenant, or a 404. */
export async function documentRow(ctx: TenantContext, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(knowledgeDocuments)
    .where(and(eq(knowledgeDocuments.tenantId, ctx.tenant.id), eq(knowledgeDocuments.id, id)))
    .limit(1);
  return row ?? null;
}
