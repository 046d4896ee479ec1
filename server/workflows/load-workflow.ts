import { and, eq } from "drizzle-orm";
import { workflows, workflowVersions, type Workflow } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import type { WorkflowDefinition } from "./definition";

/** A workflow of this tenant with its current definition (404 for a missing id or another tenant's). */
export async function loadWorkflow(
  ctx: Pick<TenantContext, "tx" | "tenant">,
  id: string,
  options: { forUpdate?: boolean; includeArchived?: boolean } = {},
): Promise<{ row: Workflow; definition: WorkflowDefinition }> {
  const query = ctx.tx
    .select({ row: workflows, definition: workflowVersions.definition })
    .from(workflows)
    .innerJoin(
      workflowVersions,
      and(
        eq(workflowVersions.tenantId, workflows.tenantId),
        eq(workflowVersions.workflowId, workflows.id),
        eq(workflowVersions.version, workflows.currentVersion),
      ),
    )
    .where(and(eq(workflows.tenantId, ctx.tenant.id), eq(workflows.id, id)))
    .limit(1);
  const [found] = options.forUpdate ? await query.for("update", { of: workflows }) : await query;
  if (!found || (found.row.status === "archived" && !options.includeArchived)) throw new NotFoundError("Workflow");
  return { row: found.row, definition: found.definition as WorkflowDefinition };
}
