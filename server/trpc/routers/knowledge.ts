import { z } from "zod";
import { addDocument, addDocumentInput } from "../../knowledge/add-document";
import { createCollection, createCollectionInput } from "../../knowledge/create-collection";
import { deleteCollection, deleteCollectionInput } from "../../knowledge/delete-collection";
import { deleteDocument } from "../../knowledge/delete-document";
import { collectionDto, documentDto } from "../../knowledge/dto";
import { getCollection } from "../../knowledge/get-collection";
import { documentDetailDto, getDocument } from "../../knowledge/get-document";
import { listCollections } from "../../knowledge/list-collections";
import { listDocuments } from "../../knowledge/list-documents";
import { renameCollection, renameCollectionInput } from "../../knowledge/rename-collection";
import { MAX_SEARCH_LIMIT } from "../../knowledge/search";
import { searchHitDto, searchKnowledgeWithSnippets } from "../../knowledge/search-page";
import { pageInput } from "../../pagination";
import { createTRPCRouter, tenantProcedure } from "../init";

const idParam = z.object({ id: z.uuid() });
const tags = ["knowledge"];

export const knowledgeRouter = createTRPCRouter({
  listCollections: tenantProcedure
    .meta({
      permission: "knowledge:read",
      openapi: { method: "GET", path: "/knowledge/collections", tags, summary: "List knowledge collections", protect: true },
    })
    .input(z.object(pageInput))
    .output(z.object({ items: z.array(collectionDto), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listCollections(ctx.tenantCtx, input)),

  getCollection: tenantProcedure
    .meta({
      permission: "knowledge:read",
      openapi: { method: "GET", path: "/knowledge/collections/{id}", tags, summary: "Get a knowledge collection", protect: true },
    })
    .input(idParam)
    .output(collectionDto)
    .query(({ ctx, input }) => getCollection(ctx.tenantCtx, input)),

  createCollection: tenantProcedure
    .meta({
      permission: "knowledge:write",
      openapi: { method: "POST", path: "/knowledge/collections", tags, summary: "Create a knowledge collection", protect: true },
    })
    .input(createCollectionInput)
    .output(collectionDto)
    .mutation(({ ctx, input }) => createCollection(ctx.tenantCtx, input)),

  renameCollection: tenantProcedure
    .meta({
      permission: "knowledge:write",
      openapi: { method: "PATCH", path: "/knowledge/collections/{id}", tags, summary: "Rename a knowledge collection", protect: true },
    })
    .input(renameCollectionInput)
    .output(collectionDto)
    .mutation(({ ctx, input }) => renameCollection(ctx.tenantCtx, input)),

  deleteCollection: tenantProcedure
    .meta({
      permission: "knowledge:write",
      openapi: {
        method: "DELETE",
        path: "/knowledge/collections/{id}",
        tags,
        summary: "Delete a collection with its documents",
        protect: true,
      },
    })
    .input(deleteCollectionInput)
    .output(z.object({ deleted: z.literal(true), documents: z.number().int(), chunks: z.number().int() }))
    .mutation(({ ctx, input }) => deleteCollection(ctx.tenantCtx, input)),

  listDocuments: tenantProcedure
    .meta({
      permission: "knowledge:read",
      openapi: {
        method: "GET",
        path: "/knowledge/documents",
        tags,
        summary: "List a collection's documents",
        protect: true,
      },
    })
    .input(z.object({ collectionId: z.uuid().describe("The collection whose documents to list"), ...pageInput }))
    .output(z.object({ items: z.array(documentDto), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listDocuments(ctx.tenantCtx, input)),

  addDocument: tenantProcedure
    .meta({
      permission: "knowledge:write",
      openapi: {
        method: "POST",
        path: "/knowledge/documents",
        tags,
        summary: "Add a text or Markdown document (split and indexed at once)",
        protect: true,
      },
    })
    .input(addDocumentInput)
    .output(documentDto)
    .mutation(({ ctx, input }) => addDocument(ctx.tenantCtx, input)),

  getDocument: tenantProcedure
    .meta({
      permission: "knowledge:read",
      openapi: {
        method: "GET",
        path: "/knowledge/documents/{id}",
        tags,
        summary: "Get a document with its text and passages",
        protect: true,
      },
    })
    .input(idParam)
    .output(documentDetailDto)
    .query(({ ctx, input }) => getDocument(ctx.tenantCtx, input)),

  deleteDocument: tenantProcedure
    .meta({
      permission: "knowledge:write",
      openapi: { method: "DELETE", path: "/knowledge/documents/{id}", tags, summary: "Delete a document", protect: true },
    })
    .input(idParam)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteDocument(ctx.tenantCtx, input)),

  search: tenantProcedure
    .meta({
      permission: "knowledge:read",
      openapi: {
        method: "GET",
        path: "/knowledge/search",
        tags,
        summary: "Search the knowledge base (English and Chinese)",
        protect: true,
      },
    })
    .input(
      z.object({
        q: z.string().max(500).describe("Words or a question; Chinese needs no spaces"),
        collectionId: z.uuid().optional().describe("Only this collection (default: all)"),
        limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(10),
      }),
    )
    .output(z.object({ hits: z.array(searchHitDto) }))
    .query(({ ctx, input }) =>
      searchKnowledgeWithSnippets(ctx.tenantCtx, {
        query: input.q,
        collectionIds: input.collectionId ? [input.collectionId] : undefined,
        limit: input.limit,
      }),
    ),
});
