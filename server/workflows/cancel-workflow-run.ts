import { and, eq, inArray } from "drizzle-orm";
import { workflowApprovals, workflowNodeRuns, workflowRuns } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError, NotFoundError } from "../errors";
import { emitEvent } from "../events/emit-event";
import type { TenantContext } from "../request-context";
import { toWorkflowRunDto, type WorkflowRunDto } from "./dto";

const ACTIVE = ["queued", "running", "waiting_approval"] as const;

/**
 * Stops a run: the run, its unfinished nodes and its open approvals are settled here, in one
 * transaction, and `workflow.run_cancelled` makes the engine drop the function (`cancelOn`).
 * A step already in flight may still finish; the engine's steps check the run's state before
 * they act, so nothing new starts.
 */
export async function cancelWorkflowRun(ctx: TenantContext, input: { id: string }): Promise<WorkflowRunDto> {
  const [run] = await ctx.tx
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.tenantId, ctx.tenant.id), eq(workflowRuns.id, input.id)))
    .for("update");
  if (!run) throw new NotFoundError("Workflow run");
  const from = run.status;
  if (from !== "queued" && from !== "running" && from !== "waiting_approval") {
    throw new ConflictError(`This run has already ended (${run.status}); there is nothing to cancel.`, "run_not_active", {
      status: run.status,
    });
  }
  const now = new Date();
  const [cancelled] = await ctx.tx
    .update(workflowRuns)
    .set({ status: "cancelled", completedAt: now, error: { code: "cancelled", message: "The run was cancelled." } })
    .where(and(eq(workflowRuns.tenantId, ctx.tenant.id), eq(workflowRuns.id, run.id), inArray(workflowRuns.status, ACTIVE)))
    .returning();
  await ctx.tx
    .update(workflowNodeRuns)
    .set({ state: "cancelled", completedAt: now, updatedAt: now })
    .where(
      and(
        eq(workflowNodeRuns.tenantId, ctx.tenant.id),
        eq(workflowNodeRuns.workflowRunId, run.id),
        inArray(workflowNodeRuns.state, ["pending", "running", "waiting"]),
      ),
    );
  await ctx.tx
    .update(workflowApprovals)
    .set({ status: "expired", decidedAt: now })
    .where(
      and(
        eq(workflowApprovals.tenantId, ctx.tenant.id),
        eq(workflowApprovals.workflowRunId, run.id),
        eq(workflowApprovals.status, "pending"),
      ),
    );
  await recordChange(ctx, "workflow_run.cancelled", { targetId: run.id, facts: { workflowId: run.workflowId, from } });
  await emitEvent(ctx, "workflow.run_cancelled", { workflowRunId: run.id, workflowId: run.workflowId });
  return toWorkflowRunDto(cancelled!, null);
}
