import { z } from "zod";
import { DOCUMENT_SOURCES, type KnowledgeCollection, type KnowledgeDocument } from "@/db/schema";
import { DOCUMENT_MIME_TYPES } from "./limits";

export const collectionDto = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    documentCount: z.number().int(),
    chunkCount: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "KnowledgeCollection" });

export type CollectionDto = z.infer<typeof collectionDto>;

export function toCollectionDto(row: KnowledgeCollection, counts: { documentCount: number; chunkCount: number }): CollectionDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    documentCount: Number(counts.documentCount),
    chunkCount: Number(counts.chunkCount),
    createdAt: row.createdAt.toISOString(),
  };
}

export const documentDto = z
  .object({
    id: z.uuid(),
    collectionId: z.uuid(),
    title: z.string(),
    source: z.enum(DOCUMENT_SOURCES),
    mimeType: z.enum(DOCUMENT_MIME_TYPES),
    bytes: z.number().int().describe("Size of the document's text in UTF-8 bytes"),
    chunkCount: z.number().int().describe("Passages the document was split into for search"),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "KnowledgeDocument" });

export type DocumentDto = z.infer<typeof documentDto>;

export function toDocumentDto(row: KnowledgeDocument): DocumentDto {
  return {
    id: row.id,
    collectionId: row.collectionId,
    title: row.title,
    source: row.source,
    mimeType: row.mimeType as DocumentDto["mimeType"],
    bytes: row.bytes,
    chunkCount: row.chunkCount,
    createdAt: row.createdAt.toISOString(),
  };
}
