import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { APPROVAL_STATUSES, workflowApprovals, workflows } from "@/db/schema";
import { keysetPage, newestFirst, newestFirstKey, pageInput } from "../pagination";
import type { TenantContext } from "../request-context";
import { toApprovalDto, type ApprovalDto } from "./dto";

export const listApprovalsInput = z.object({
  ...pageInput,
  status: z.enum(APPROVAL_STATUSES).default("pending"),
});

/** The inbox: approvals of this tenant in one state (pending by default), newest first. */
export async function listApprovals(
  ctx: TenantContext,
  input: z.infer<typeof listApprovalsInput>,
): Promise<{ items: ApprovalDto[]; nextCursor: string | null }> {
  const keyset = newestFirst(workflowApprovals.createdAt, workflowApprovals.id, input.cursor);
  const rows = await ctx.tx
    .select({ approval: workflowApprovals, name: workflows.name })
    .from(workflowApprovals)
    .leftJoin(workflows, and(eq(workflows.tenantId, workflowApprovals.tenantId), eq(workflows.id, workflowApprovals.workflowId)))
    .where(and(eq(workflowApprovals.tenantId, ctx.tenant.id), eq(workflowApprovals.status, input.status), keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(
    rows,
    input.limit,
    (r) => toApprovalDto(r.approval, r.name),
    (r) => newestFirstKey(r.approval),
  );
}
