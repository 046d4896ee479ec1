import { and, eq } from "drizzle-orm";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { workflows, workflowVersions } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { actingMemberId, type TenantContext } from "../request-context";
import { assertValidDefinition } from "./check-definition";
import { workflowDescription, workflowName } from "./create-workflow";
import { workflowDefinition } from "./definition";
import { toWorkflowDto, type WorkflowDto } from "./dto";
import { loadWorkflow } from "./load-workflow";

export const updateWorkflowInput = z.object({
  id: z.uuid(),
  name: workflowName.optional(),
  description: workflowDescription.optional(),
  definition: workflowDefinition.optional(),
});

/** Saves a change as a new version (runs keep the version they started with). Nothing changed: no version, no audit row. */
export async function updateWorkflow(
  ctx: TenantContext,
  input: z.infer<typeof updateWorkflowInput>,
): Promise<WorkflowDto & { changed: boolean }> {
  const { row, definition } = await loadWorkflow(ctx, input.id, { forUpdate: true });
  const fields: string[] = [];
  if (input.name !== undefined && input.name !== row.name) fields.push("name");
  if (input.description !== undefined && input.description !== row.description) fields.push("description");
  const nextDefinition = input.definition ?? definition;
  if (input.definition && !isDeepStrictEqual(input.definition, definition)) fields.push("definition");
  if (!fields.length) return { ...toWorkflowDto(row, definition), changed: false };
  if (fields.includes("definition")) await assertValidDefinition(ctx, nextDefinition);
  const toVersion = row.currentVersion + 1;
  await ctx.tx.insert(workflowVersions).values({
    tenantId: ctx.tenant.id,
    workflowId: row.id,
    version: toVersion,
    definition: nextDefinition,
    createdBy: actingMemberId(ctx.principal),
  });
  const [updated] = await ctx.tx
    .update(workflows)
    .set({
      name: input.name ?? row.name,
      description: input.description ?? row.description,
      currentVersion: toVersion,
      updatedAt: new Date(),
    })
    .where(and(eq(workflows.tenantId, ctx.tenant.id), eq(workflows.id, row.id)))
    .returning();
  await recordChange(ctx, "workflow.updated", {
    targetId: row.id,
    facts: { fromVersion: row.currentVersion, toVersion, fields },
    personal: { name: updated!.name },
  });
  return { ...toWorkflowDto(updated!, nextDefinition), changed: true };
}
