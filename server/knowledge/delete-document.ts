import { and, eq } from "drizzle-orm";
import { knowledgeDocuments } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { documentRow } from "./add-document";

/** Deletes a document and its chunks (the foreign key cascades), audited in the same transaction. */
export async function deleteDocument(ctx: TenantContext, { id }: { id: string }): Promise<{ deleted: true }> {
  const row = await documentRow(ctx, id);
  if (!row) throw new NotFoundError("Document");
  await ctx.tx.delete(knowledgeDocuments).where(and(eq(knowledgeDocuments.tenantId, ctx.tenant.id), eq(knowledgeDocuments.id, id)));
  await recordChange(ctx, "knowledge.document_deleted", {
    targetId: id,
    facts: { collectionId: row.collectionId, chunks: row.chunkCount },
    personal: { title: row.title },
  });
  return { deleted: true };
}
