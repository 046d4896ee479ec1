import { sql } from "drizzle-orm";
import { customType, foreignKey, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** A named set of documents an agent can search (its `knowledge_search` tool). */
export const knowledgeCollections = pgTable(
  "knowledge_collections",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    name: text().notNull(),
    description: text().notNull().default(""),
    createdBy: uuid(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("knowledge_collections_tenant_id_key").on(t.tenantId, t.id),
    index("knowledge_collections_tenant_created_idx").on(t.tenantId, t.createdAt),
    ...tenantIsolationPolicies("knowledge_collections"),
  ],
);

export const DOCUMENT_SOURCES = ["paste", "upload"] as const;

export const knowledgeDocuments = pgTable(
  "knowledge_documents",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    collectionId: uuid().notNull(),
    title: text().notNull(),
    source: text({ enum: DOCUMENT_SOURCES }).notNull(),
    /** text/plain, text/markdown or application/pdf (as uploaded; the text is what was extracted). */
    mimeType: text().notNull(),
    bytes: integer().notNull(),
    content: text().notNull(),
    chunkCount: integer().notNull().default(0),
    createdBy: uuid(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("knowledge_documents_tenant_id_key").on(t.tenantId, t.id),
    index("knowledge_documents_tenant_collection_idx").on(t.tenantId, t.collectionId, t.createdAt),
    foreignKey({
      name: "knowledge_documents_collection_fk",
      columns: [t.tenantId, t.collectionId],
      foreignColumns: [knowledgeCollections.tenantId, knowledgeCollections.id],
    }).onDelete("cascade"),
    ...tenantIsolationPolicies("knowledge_documents"),
  ],
);

/**
 * A passage of a document, indexed for full-text search. Postgres has no Chinese parser built in
 * (and PGlite cannot load one), so the domain writes `search_text`: the passage's words, with
 * runs of CJK characters spelled out as overlapping bigrams; the `simple` configuration then
 * indexes both languages the same way, and queries are tokenised by the same function.
 */
export const knowledgeChunks = pgTable(
  "knowledge_chunks",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    collectionId: uuid().notNull(),
    documentId: uuid().notNull(),
    ordinal: integer().notNull(),
    content: text().notNull(),
    searchText: text().notNull(),
    tsv: tsvector().generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, search_text)`),
  },
  (t) => [
    unique("knowledge_chunks_tenant_document_ordinal_key").on(t.tenantId, t.documentId, t.ordinal),
    index("knowledge_chunks_tsv_idx").using("gin", t.tsv),
    index("knowledge_chunks_tenant_collection_idx").on(t.tenantId, t.collectionId),
    foreignKey({
      name: "knowledge_chunks_document_fk",
      columns: [t.tenantId, t.documentId],
      foreignColumns: [knowledgeDocuments.tenantId, knowledgeDocuments.id],
    }).onDelete("cascade"),
    ...tenantIsolationPolicies("knowledge_chunks"),
  ],
);

/** Hosts the `http_request` tool may call for this tenant (exact host names, lower case). */
export const httpAllowedHosts = pgTable(
  "http_allowed_hosts",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    host: text().notNull(),
    createdBy: uuid(),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [unique("http_allowed_hosts_tenant_host_key").on(t.tenantId, t.host), ...tenantIsolationPolicies("http_allowed_hosts")],
);

export type KnowledgeCollection = typeof knowledgeCollections.$inferSelect;
export type KnowledgeDocument = typeof knowledgeDocuments.$inferSelect;
export type KnowledgeChunk = typeof knowledgeChunks.$inferSelect;
