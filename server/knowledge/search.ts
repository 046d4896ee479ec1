import { sql } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type Tx } from "@/db";
import type { TenantContext } from "../request-context";
import { queryTerms } from "./tokenize";

export type KnowledgeHit = {
  chunkId: string;
  documentId: string;
  documentTitle: string;
  collectionId: string;
  content: string;
  rank: number;
};

export const MAX_SEARCH_LIMIT = 50;

export const searchInput = z.object({
  query: z.string().max(2000),
  collectionIds: z.array(z.uuid()).max(100).optional(),
  limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
});

export type SearchInput = z.input<typeof searchInput>;

/** A term as a tsquery literal: terms are letters, digits and marks only (see tokenize.ts), so quoting is enough. */
const lexeme = (term: string) => `'${term}'`;

/**
 * Full-text search over a tenant's chunks. The query is tokenised exactly as the index was, and
 * matches ANY of its terms; hits are ordered by a BM25-style score — each matched term weighs by
 * how rare it is among the searched chunks (so "the", or a bigram like 如何 that every FAQ
 * question has, counts for little and 退款 for much) — then by ts_rank_cd's cover density.
 * `rank` is that score plus the density normalised into [0, 1). An empty or all-punctuation query
 * finds nothing (no error). `collectionIds` empty or absent = all collections.
 */
export async function searchChunks(tx: Tx, tenantId: string, input: SearchInput): Promise<KnowledgeHit[]> {
  const { query, collectionIds, limit = 5 } = searchInput.parse(input);
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const inCollections =
    collectionIds && collectionIds.length > 0 ? sql`and c.collection_id = any(${`{${collectionIds.join(",")}}`}::uuid[])` : sql``;
  const anyTerm = terms.map(lexeme).join(" | ");
  // Terms hold no quote, comma, brace or backslash (letters, digits, marks only): safe inside an array literal.
  const termArray = `{${terms.map((t) => `"${lexeme(t)}"`).join(",")}}`;
  // Each part filters knowledge_chunks itself (rather than through a shared CTE) so an index can answer it. The
  // CTEs are MATERIALIZED: inlined, `weights` (a count per term) would be recomputed for every hit.
  const scope = sql`c.tenant_id = ${tenantId} ${inCollections}`;
  const anyQuery = sql`to_tsquery('simple', ${anyTerm})`;
  const result = await tx.execute(sql`
    with total as materialized (select count(*)::float8 as n from knowledge_chunks c where ${scope}),
    terms as materialized (
      select to_tsquery('simple', t.term) as q from unnest(${termArray}::text[]) as t(term)
    ),
    weights as materialized (
      select terms.q, ln(1 + (total.n - d.df + 0.5) / (d.df + 0.5)) as w
      from terms cross join total
      cross join lateral (select count(*)::float8 as df from knowledge_chunks c where ${scope} and c.tsv @@ terms.q) d
      where d.df > 0
    ),
    hits as (
      select c.id, c.document_id, c.collection_id, c.content,
        (select coalesce(sum(weights.w), 0) from weights where c.tsv @@ weights.q) as score,
        ts_rank_cd(c.tsv, ${anyQuery}, 32) as density
      from knowledge_chunks c
      where ${scope} and c.tsv @@ ${anyQuery}
    )
    select h.id as chunk_id, h.document_id, d.title as document_title, h.collection_id, h.content,
      (h.score + h.density)::float8 as rank
    from hits h
    join knowledge_documents d on d.tenant_id = ${tenantId} and d.id = h.document_id
    order by h.score desc, h.density desc, h.id
    limit ${limit}
  `);
  return rowsOf<{ chunk_id: string; document_id: string; document_title: string; collection_id: string; content: string; rank: number }>(
    result,
  ).map((r) => ({
    chunkId: r.chunk_id,
    documentId: r.document_id,
    documentTitle: r.document_title,
    collectionId: r.collection_id,
    content: r.content,
    rank: Number(r.rank),
  }));
}

/** The contract other areas call (runs, the local provider through its callback): the caller's tenant transaction. */
export function searchKnowledge(ctx: TenantContext, input: SearchInput): Promise<KnowledgeHit[]> {
  return searchChunks(ctx.tx, ctx.tenant.id, input);
}
