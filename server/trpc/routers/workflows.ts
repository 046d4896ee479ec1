import { z } from "zod";
import { listApprovals, listApprovalsInput } from "../../workflows/approvals";
import { cancelWorkflowRun } from "../../workflows/cancel-workflow-run";
import { createWorkflow, createWorkflowInput } from "../../workflows/create-workflow";
import { decideApproval, decideApprovalInput } from "../../workflows/decide-approval";
import { deleteWorkflow, deleteWorkflowInput } from "../../workflows/delete-workflow";
import { approvalDto, nodeRunDto, workflowDto, workflowRunDto, workflowSummaryDto } from "../../workflows/dto";
import { getWorkflow } from "../../workflows/get-workflow";
import { getWorkflowRun } from "../../workflows/get-workflow-run";
import { listWorkflowRuns, listWorkflowRunsInput } from "../../workflows/list-workflow-runs";
import { listWorkflows, listWorkflowsInput } from "../../workflows/list-workflows";
import { rotateHookSecret } from "../../workflows/rotate-hook-secret";
import { startWorkflowRun, startWorkflowRunInput } from "../../workflows/start-workflow-run";
import { updateWorkflow, updateWorkflowInput } from "../../workflows/update-workflow";
import { createTRPCRouter, tenantProcedure } from "../init";

const idParam = z.object({ id: z.uuid() });
const TAGS = ["workflows"];
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
const withSecret = workflowDto.extend({ hookSecret: z.string().describe("Shown once: store it now") });

export const workflowsRouter = createTRPCRouter({
  list: tenantProcedure
    .meta({
      permission: "workflow:read",
      openapi: { method: "GET", path: "/workflows", tags: TAGS, summary: "List workflows", protect: true },
    })
    .input(listWorkflowsInput)
    .output(page(workflowSummaryDto))
    .query(({ ctx, input }) => listWorkflows(ctx.tenantCtx, input)),

  get: tenantProcedure
    .meta({
      permission: "workflow:read",
      openapi: { method: "GET", path: "/workflows/{id}", tags: TAGS, summary: "Get a workflow", protect: true },
    })
    .input(idParam)
    .output(workflowDto)
    .query(({ ctx, input }) => getWorkflow(ctx.tenantCtx, input)),

  create: tenantProcedure
    .meta({
      permission: "workflow:manage",
      openapi: { method: "POST", path: "/workflows", tags: TAGS, summary: "Create a workflow", protect: true },
    })
    .input(createWorkflowInput)
    .output(withSecret)
    .mutation(({ ctx, input }) => createWorkflow(ctx.tenantCtx, input)),

  update: tenantProcedure
    .meta({
      permission: "workflow:manage",
      openapi: { method: "PATCH", path: "/workflows/{id}", tags: TAGS, summary: "Edit a workflow", protect: true },
    })
    .input(updateWorkflowInput)
    .output(workflowDto.extend({ changed: z.boolean() }))
    .mutation(({ ctx, input }) => updateWorkflow(ctx.tenantCtx, input)),

  delete: tenantProcedure
    .meta({
      permission: "workflow:manage",
      openapi: { method: "DELETE", path: "/workflows/{id}", tags: TAGS, summary: "Delete a workflow", protect: true },
    })
    .input(deleteWorkflowInput)
    .output(workflowSummaryDto)
    .mutation(({ ctx, input }) => deleteWorkflow(ctx.tenantCtx, input)),

  rotateHookSecret: tenantProcedure
    .meta({
      permission: "workflow:manage",
      openapi: {
        method: "POST",
        path: "/workflows/{id}/hook-secret",
        tags: TAGS,
        summary: "Rotate a workflow's webhook secret",
        protect: true,
      },
    })
    .input(idParam)
    .output(z.object({ hookSecret: z.string() }))
    .mutation(({ ctx, input }) => rotateHookSecret(ctx.tenantCtx, input)),

  startRun: tenantProcedure
    .meta({
      permission: "workflow:run",
      openapi: { method: "POST", path: "/workflows/{id}/runs", tags: TAGS, summary: "Start a workflow run", protect: true },
    })
    .input(startWorkflowRunInput)
    .output(workflowRunDto)
    .mutation(({ ctx, input }) => startWorkflowRun(ctx.tenantCtx, input, { idempotencyKey: ctx.idempotencyKey?.slice(0, 200) })),

  runs: tenantProcedure
    .meta({
      permission: "workflow:read",
      openapi: { method: "GET", path: "/workflows/{id}/runs", tags: TAGS, summary: "List a workflow's runs", protect: true },
    })
    .input(listWorkflowRunsInput)
    .output(page(workflowRunDto))
    .query(({ ctx, input }) => listWorkflowRuns(ctx.tenantCtx, input)),

  run: tenantProcedure
    .meta({
      permission: "workflow:read",
      openapi: { method: "GET", path: "/workflow-runs/{id}", tags: TAGS, summary: "Get a workflow run", protect: true },
    })
    .input(idParam)
    .output(workflowRunDto.extend({ nodes: z.array(nodeRunDto) }))
    .query(({ ctx, input }) => getWorkflowRun(ctx.tenantCtx, input)),

  cancelRun: tenantProcedure
    .meta({
      permission: "workflow:run",
      openapi: { method: "POST", path: "/workflow-runs/{id}/cancel", tags: TAGS, summary: "Cancel a workflow run", protect: true },
    })
    .input(idParam)
    .output(workflowRunDto)
    .mutation(({ ctx, input }) => cancelWorkflowRun(ctx.tenantCtx, input)),

  approvals: tenantProcedure
    .meta({
      permission: "workflow:read",
      openapi: { method: "GET", path: "/approvals", tags: TAGS, summary: "List approvals", protect: true },
    })
    .input(listApprovalsInput)
    .output(page(approvalDto))
    .query(({ ctx, input }) => listApprovals(ctx.tenantCtx, input)),

  decide: tenantProcedure
    .meta({
      permission: "workflow:approve",
      openapi: { method: "POST", path: "/approvals/{id}/decision", tags: TAGS, summary: "Approve or reject", protect: true },
    })
    .input(decideApprovalInput)
    .output(approvalDto)
    .mutation(({ ctx, input }) => decideApproval(ctx.tenantCtx, input)),
});
