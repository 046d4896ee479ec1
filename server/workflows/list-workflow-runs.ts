import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { WORKFLOW_RUN_STATUSES, workflowRuns, workflows } from "@/db/schema";
import { keysetPage, newestFirst, newestFirstKey, pageInput } from "../pagination";
import type { TenantContext } from "../request-context";
import { toWorkflowRunDto, type WorkflowRunDto } from "./dto";

export const listWorkflowRunsInput = z.object({
  ...pageInput,
  id: z.uuid(),
  status: z.enum(WORKFLOW_RUN_STATUSES).optional(),
});

/** A workflow's runs, newest first (an unknown workflow simply has none). */
export async function listWorkflowRuns(
  ctx: TenantContext,
  input: z.infer<typeof listWorkflowRunsInput>,
): Promise<{ items: WorkflowRunDto[]; nextCursor: string | null }> {
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
