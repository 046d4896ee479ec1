import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { knowledgeCollections } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { highlight } from "./highlight";
import { searchKnowledge, type SearchInput } from "./search";

export const searchHitDto = z
  .object({
    chunkId: z.uuid(),
    documentId: z.uuid(),
    documentTitle: z.string(),
    collectionId: z.uuid(),
    collectionName: z.string(),
    content: z.string(),
    rank: z.number().describe("Higher is better: rarer query terms matched, then how densely"),
    snippet: z.object({
      parts: z
        .array(z.object({ text: z.string(), match: z.boolean() }))
        .describe("The passage around the first match; `match` marks query terms"),
      cutStart: z.boolean(),
      cutEnd: z.boolean(),
    }),
  })
  .meta({ id: "KnowledgeSearchHit" });

export type SearchHitDto = z.infer<typeof searchHitDto>;

/** The search page's and REST's view of a search: each hit with its collection's name and a highlighted snippet. */
export async function searchKnowledgeWithSnippets(ctx: TenantContext, input: SearchInput): Promise<{ hits: SearchHitDto[] }> {
  const hits = await searchKnowledge(ctx, input);
  if (hits.length === 0) return { hits: [] };
  const ids = [...new Set(hits.map((h) => h.collectionId))];
  const names = new Map(
    (
      await ctx.tx
        .select({ id: knowledgeCollections.id, name: knowledgeCollections.name })
        .from(knowledgeCollections)
        .where(and(eq(knowledgeCollections.tenantId, ctx.tenant.id), inArray(knowledgeCollections.id, ids)))
    ).map((c) => [c.id, c.name]),
  );
  return {
    hits: hits.map((hit) => ({ ...hit, collectionName: names.get(hit.collectionId) ?? "", snippet: highlight(hit.content, input.query) })),
  };
}
