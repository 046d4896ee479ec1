import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { WORKFLOW_RUN_STATUSES, workflowRuns, workflows } from "@/db/schema";
import { keysetPage, newestFirst, newestFirstKey, pageInput } from "../pagination";
import type { TenantContext } from "../request-context";
import { toWorkflowRunDto, type WorkflowRunDto } from "./dto";
import { loadWorkflow } from "./load-workflow";

export const listWorkflowRunsInput = z.object({
  ...pageInput,
  id: z.uuid(),
  status: z.enum(WORKFLOW_RUN_STATUSES).optional(),
});

/** A workflow's runs, newest first (404 for an unknown workflow, or another tenant's). */
export async function listWorkflowRuns(
  ctx: TenantContext,
  input: z.infer<typeof listWorkflowRunsInput>,
): Promise<{ items: WorkflowRunDto[]; nextCursor: string | null }> {
  await loadWorkflow(ctx, input.id, { includeArchived: true });
  const keyset = newestFirst(workflowRuns.createdAt, workflowRuns.id, input.cursor);
  const rows = await ctx.tx
    .select({ run: workflowRuns, name: workflows.name })
    .from(workflowRuns)
    .leftJoin(workflows, and(eq(workflows.tenantId, workflowRuns.tenantId), eq(workflows.id, workflowRuns.workflowId)))
    .where(
      and(
        eq(workflowRuns.tenantId, ctx.tenant.id),
        eq(workflowRuns.workflowId, input.id),
        input.status ? eq(workflowRuns.status, input.status) : undefined,
        keyset.where,
      ),
    )
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(
    rows,
    input.limit,
    (r) => toWorkflowRunDto(r.run, r.name),
    (r) => newestFirstKey(r.run),
  );
}
