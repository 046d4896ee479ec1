import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { workflows } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ValidationError } from "../errors";
import type { TenantContext } from "../request-context";
import { toWorkflowSummaryDto, type WorkflowSummaryDto } from "./dto";
import { loadWorkflow } from "./load-workflow";

export const deleteWorkflowInput = z.object({
  id: z.uuid(),
  /** The workflow's name, typed again: deleting is not undone by a slip. */
  confirm: z.string().max(100),
});

/**
 * Archives a workflow: it disappears from the list and can no longer be started; its runs and
 * versions stay (they are the record of what happened). Runs already under way finish.
 */
export async function deleteWorkflow(ctx: TenantContext, input: z.infer<typeof deleteWorkflowInput>): Promise<WorkflowSummaryDto> {
  const { row } = await loadWorkflow(ctx, input.id, { forUpdate: true });
  if (input.confirm.trim() !== row.name) {
    throw new ValidationError(
      "Type the workflow's name to confirm.",
      { confirm: "Type the workflow's name to confirm." },
      "confirmation_mismatch",
    );
  }
  const [archived] = await ctx.tx
    .update(workflows)
    .set({ status: "archived", updatedAt: new Date() })
    .where(and(eq(workflows.tenantId, ctx.tenant.id), eq(workflows.id, row.id)))
    .returning();
  await recordChange(ctx, "workflow.deleted", { targetId: row.id, facts: { version: row.currentVersion }, personal: { name: row.name } });
  return toWorkflowSummaryDto(archived!);
}
