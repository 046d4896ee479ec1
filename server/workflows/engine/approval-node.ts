import { and, eq } from "drizzle-orm";
import { workflowApprovals, workflowNodeRuns } from "@/db/schema";
import { emitEvent } from "../../events/emit-event";
import type { TenantContext } from "../../request-context";
import type { WorkflowNode } from "../definition";
import type { NodeOutcome } from "./outcomes";
import { setRunWaiting, updateNode } from "./run-state";

type Ctx = Pick<TenantContext, "tx" | "tenant" | "principal" | "meta">;
type ApprovalNode = Extract<WorkflowNode, { kind: "approval" }>;

/**
 * Opens the approval (once: a repeated step finds the row it made) and puts the node and run in
 * waiting. Null when the run has ended meanwhile.
 */
export async function requestApproval(
  ctx: Ctx,
  ids: { workflowId: string; workflowRunId: string },
  node: ApprovalNode,
  prompt: string,
): Promise<{ approvalId: string; expiresAt: string } | null> {
  const expiresAt = new Date(Date.now() + node.timeoutSeconds * 1000);
  if (!(await updateNode(ctx, ids.workflowRunId, node.id, { state: "waiting", attempts: 1, started: true }))) return null;
  const [inserted] = await ctx.tx
    .insert(workflowApprovals)
    .values({ tenantId: ctx.tenant.id, workflowId: ids.workflowId, workflowRunId: ids.workflowRunId, nodeId: node.id, prompt, expiresAt })
    .onConflictDoNothing()
    .returning();
  const [approval] = inserted
    ? [inserted]
    : await ctx.tx
        .select()
        .from(workflowApprovals)
        .where(
          and(
            eq(workflowApprovals.tenantId, ctx.tenant.id),
            eq(workflowApprovals.workflowRunId, ids.workflowRunId),
            eq(workflowApprovals.nodeId, node.id),
          ),
        );
  await setRunWaiting(ctx, ids.workflowRunId, true);
  if (inserted) {
    await emitEvent(ctx, "workflow.approval_requested", {
      approvalId: inserted.id,
      workflowRunId: ids.workflowRunId,
      workflowId: ids.workflowId,
      nodeId: node.id,
      expiresAt: inserted.expiresAt.toISOString(),
    });
  }
  return { approvalId: approval!.id, expiresAt: approval!.expiresAt.toISOString() };
}

/**
 * After the wait: the stored decision is the truth (the event only woke us). Still pending means
 * the wait timed out: the approval expires and the node fails.
 */
export async function settleApproval(ctx: Ctx, workflowRunId: string, node: ApprovalNode, approvalId: string): Promise<NodeOutcome> {
  const [approval] = await ctx.tx
    .select()
    .from(workflowApprovals)
    .where(and(eq(workflowApprovals.tenantId, ctx.tenant.id), eq(workflowApprovals.id, approvalId)))
    .for("update");
  if (!approval) return { state: "failed", error: { code: "approval_missing", message: "The approval is gone." } };
  let outcome: NodeOutcome;
  if (approval.status === "pending") {
    await ctx.tx
      .update(workflowApprovals)
      .set({ status: "expired", decidedAt: new Date() })
      .where(and(eq(workflowApprovals.tenantId, ctx.tenant.id), eq(workflowApprovals.id, approvalId)));
    outcome = { state: "failed", error: { code: "approval_expired", message: "Nobody decided before the approval expired." } };
  } else if (approval.status === "expired") {
    outcome = { state: "failed", error: { code: "approval_expired", message: "Nobody decided before the approval expired." } };
  } else {
    outcome = {
      state: "completed",
      output: { approved: approval.status === "approved", decidedBy: approval.decidedBy, comment: approval.comment },
    };
  }
  const active = await updateNode(ctx, workflowRunId, node.id, { ...outcome, state: outcome.state, finished: true });
  if (!active) return { state: "cancelled" };
  const [stillWaiting] = await ctx.tx
    .select({ id: workflowNodeRuns.id })
    .from(workflowNodeRuns)
    .where(
      and(
        eq(workflowNodeRuns.tenantId, ctx.tenant.id),
        eq(workflowNodeRuns.workflowRunId, workflowRunId),
        eq(workflowNodeRuns.state, "waiting"),
      ),
    )
    .limit(1);
  if (!stillWaiting) await setRunWaiting(ctx, workflowRunId, false);
  return outcome;
}
