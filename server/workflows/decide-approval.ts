import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { workflowApprovals, workflowRuns, workflows } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError, NotFoundError } from "../errors";
import { emitEvent } from "../events/emit-event";
import { actingMemberId, type TenantContext } from "../request-context";
import { toApprovalDto, type ApprovalDto } from "./dto";

export const decideApprovalInput = z.object({
  id: z.uuid(),
  decision: z.enum(["approved", "rejected"]),
  comment: z.string().trim().max(2000).optional(),
});

/**
 * A person approves or rejects. The decision is stored (and audited) first, then
 * `workflow.approval_decided` wakes the run's `waitForEvent`; the engine reads the stored
 * decision again, so a run that missed the event still sees it when its wait ends.
 */
export async function decideApproval(ctx: TenantContext, input: z.infer<typeof decideApprovalInput>): Promise<ApprovalDto> {
  const [approval] = await ctx.tx
    .select()
    .from(workflowApprovals)
    .where(and(eq(workflowApprovals.tenantId, ctx.tenant.id), eq(workflowApprovals.id, input.id)))
    .for("update");
  if (!approval) throw new NotFoundError("Approval");
  if (approval.status !== "pending") {
    throw new ConflictError(`This approval was already settled (${approval.status}).`, "approval_settled", { status: approval.status });
  }
  if (approval.expiresAt <= new Date()) throw new ConflictError("This approval has expired.", "approval_expired");
  const [run] = await ctx.tx
    .select({ status: workflowRuns.status })
    .from(workflowRuns)
    .where(and(eq(workflowRuns.tenantId, ctx.tenant.id), eq(workflowRuns.id, approval.workflowRunId)));
  if (run?.status !== "waiting_approval" && run?.status !== "running") {
    throw new ConflictError("This approval's run has ended.", "approval_settled", { status: run?.status ?? null });
  }
  const comment = input.comment || null;
  const [decided] = await ctx.tx
    .update(workflowApprovals)
    .set({ status: input.decision, comment, decidedBy: actingMemberId(ctx.principal), decidedAt: new Date() })
    .where(and(eq(workflowApprovals.tenantId, ctx.tenant.id), eq(workflowApprovals.id, approval.id)))
    .returning();
  await recordChange(ctx, "approval.decided", {
    targetId: approval.id,
    facts: { workflowId: approval.workflowId, workflowRunId: approval.workflowRunId, nodeId: approval.nodeId, decision: input.decision },
    personal: { comment },
  });
  await emitEvent(ctx, "workflow.approval_decided", {
    approvalId: approval.id,
    workflowRunId: approval.workflowRunId,
    decision: input.decision,
  });
  const [workflow] = await ctx.tx
    .select({ name: workflows.name })
    .from(workflows)
    .where(and(eq(workflows.tenantId, ctx.tenant.id), eq(workflows.id, approval.workflowId)));
  return toApprovalDto(decided!, workflow?.name ?? null);
}
