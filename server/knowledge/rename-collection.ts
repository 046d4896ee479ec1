import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { knowledgeCollections } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { TenantContext } from "../request-context";
import { collectionDescriptionInput, collectionNameInput } from "./create-collection";
import { toCollectionDto, type CollectionDto } from "./dto";
import { collectionCounts, getCollectionRow } from "./get-collection";

export const renameCollectionInput = z.object({
  id: z.uuid(),
  name: collectionNameInput,
  description: collectionDescriptionInput.optional(),
});

/** Renames (and optionally re-describes) a collection; a change to nothing records nothing. */
export async function renameCollection(ctx: TenantContext, input: z.infer<typeof renameCollectionInput>): Promise<CollectionDto> {
  const before = await getCollectionRow(ctx, input.id);
  const description = input.description ?? before.description;
  const fields = [
    ...(before.name !== input.name ? ["name" as const] : []),
    ...(before.description !== description ? ["description" as const] : []),
  ];
  if (fields.length === 0) return toCollectionDto(before, await collectionCounts(ctx, before.id));
  const [row] = await ctx.tx
    .update(knowledgeCollections)
    .set({ name: input.name, description })
    .where(and(eq(knowledgeCollections.tenantId, ctx.tenant.id), eq(knowledgeCollections.id, input.id)))
    .returning();
  await recordChange(ctx, "knowledge.collection_renamed", {
    targetId: input.id,
    facts: { fields },
    personal: { name: { from: before.name, to: row!.name } },
  });
  return toCollectionDto(row!, await collectionCounts(ctx, row!.id));
}
