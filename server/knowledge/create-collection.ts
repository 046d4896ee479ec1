import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { knowledgeCollections } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError } from "../errors";
import { actingMemberId, type TenantContext } from "../request-context";
import { nameText } from "../text";
import { toCollectionDto, type CollectionDto } from "./dto";
import { MAX_TENANT_COLLECTIONS } from "./limits";

export const collectionNameInput = nameText(1, 80, { min: "nameTheCollection" });
export const collectionDescriptionInput = z.string().trim().max(500).default("");

export const createCollectionInput = z.object({ name: collectionNameInput, description: collectionDescriptionInput });

export async function createCollection(ctx: TenantContext, input: z.infer<typeof createCollectionInput>): Promise<CollectionDto> {
  const [existing] = await ctx.tx.select({ n: count() }).from(knowledgeCollections).where(eq(knowledgeCollections.tenantId, ctx.tenant.id));
  if ((existing?.n ?? 0) >= MAX_TENANT_COLLECTIONS) {
    throw new ConflictError(`An organisation may have at most ${MAX_TENANT_COLLECTIONS} collections.`, "knowledge_limit", {
      limit: MAX_TENANT_COLLECTIONS,
    });
  }
  const [row] = await ctx.tx
    .insert(knowledgeCollections)
    .values({ tenantId: ctx.tenant.id, name: input.name, description: input.description, createdBy: actingMemberId(ctx.principal) })
    .returning();
  await recordChange(ctx, "knowledge.collection_created", { targetId: row!.id, facts: {}, personal: { name: row!.name } });
  return toCollectionDto(row!, { documentCount: 0, chunkCount: 0 });
}
