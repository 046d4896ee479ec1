import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { knowledgeCollections } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ValidationError } from "../errors";
import type { TenantContext } from "../request-context";
import { collectionCounts, getCollectionRow } from "./get-collection";

export const deleteCollectionInput = z.object({
  id: z.uuid(),
  confirmName: z.string().max(200).describe("Type the collection's name to confirm"),
});

/**
 * Deletes a collection with its documents and their chunks (the foreign keys cascade), in the
 * caller's transaction. The name must be typed back: this cannot be undone.
 */
export async function deleteCollection(
  ctx: TenantContext,
  input: z.infer<typeof deleteCollectionInput>,
): Promise<{ deleted: true; documents: number; chunks: number }> {
  const row = await getCollectionRow(ctx, input.id);
  if (input.confirmName.trim() !== row.name) {
    throw new ValidationError(
      `Type "${row.name}" to confirm.`,
      { confirmName: "Does not match the collection's name" },
      "confirmation_mismatch",
    );
  }
  const { documentCount, chunkCount } = await collectionCounts(ctx, row.id);
  await ctx.tx
    .delete(knowledgeCollections)
    .where(and(eq(knowledgeCollections.tenantId, ctx.tenant.id), eq(knowledgeCollections.id, row.id)));
  await recordChange(ctx, "knowledge.collection_deleted", {
    targetId: row.id,
    facts: { documents: documentCount, chunks: chunkCount },
    personal: { name: row.name },
  });
  return { deleted: true, documents: documentCount, chunks: chunkCount };
}
