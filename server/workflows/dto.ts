import { z } from "zod";
import {
  APPROVAL_STATUSES,
  NODE_RUN_STATES,
  WORKFLOW_RUN_STATUSES,
  WORKFLOW_STATUSES,
  type Workflow,
  type WorkflowApproval,
  type WorkflowNodeRun,
  type WorkflowRun,
} from "@/db/schema";
import { workflowDefinition, type WorkflowDefinition } from "./definition";

const iso = z.iso.datetime();

export const workflowSummaryDto = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    status: z.enum(WORKFLOW_STATUSES),
    currentVersion: z.number().int(),
    createdAt: iso,
    updatedAt: iso,
  })
  .meta({ id: "WorkflowSummary" });

export const workflowDto = workflowSummaryDto.extend({ definition: workflowDefinition }).meta({ id: "Workflow" });

export type WorkflowSummaryDto = z.infer<typeof workflowSummaryDto>;
export type WorkflowDto = z.infer<typeof workflowDto>;

export function toWorkflowSummaryDto(row: Workflow): WorkflowSummaryDto {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    currentVersion: row.currentVersion,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toWorkflowDto(row: Workflow, definition: WorkflowDefinition): WorkflowDto {
  return { ...toWorkflowSummaryDto(row), definition };
}

const errorDto = z.object({ code: z.string(), message: z.string() });

export const nodeRunDto = z
  .object({
    nodeId: z.string(),
    kind: z.string(),
    state: z.enum(NODE_RUN_STATES),
    output: z.record(z.string(), z.unknown()).nullable(),
    error: errorDto.nullable(),
    attempts: z.number().int(),
    agentRunId: z.uuid().nullable(),
    startedAt: iso.nullable(),
    completedAt: iso.nullable(),
  })
  .meta({ id: "WorkflowNodeRun" });

export const workflowRunDto = z
  .object({
    id: z.uuid(),
    workflowId: z.uuid(),
    workflowName: z.string().nullable(),
    version: z.number().int(),
    status: z.enum(WORKFLOW_RUN_STATUSES),
    input: z.record(z.string(), z.unknown()),
    output: z.record(z.string(), z.unknown()).nullable(),
    error: errorDto.extend({ nodeId: z.string().optional() }).nullable(),
    trigger: z.string(),
    correlationId: z.string(),
    createdAt: iso,
    startedAt: iso.nullable(),
    completedAt: iso.nullable(),
  })
  .meta({ id: "WorkflowRun" });

export type NodeRunDto = z.infer<typeof nodeRunDto>;
export type WorkflowRunDto = z.infer<typeof workflowRunDto>;

export function toNodeRunDto(row: WorkflowNodeRun): NodeRunDto {
  return {
    nodeId: row.nodeId,
    kind: row.kind,
    state: row.state,
    output: row.output ?? null,
    error: row.error ?? null,
    attempts: row.attempts,
    agentRunId: row.agentRunId,
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export function toWorkflowRunDto(row: WorkflowRun, workflowName: string | null): WorkflowRunDto {
  return {
    id: row.id,
    workflowId: row.workflowId,
    workflowName,
    version: row.version,
    status: row.status,
    input: row.input,
    output: row.output ?? null,
    error: row.error ?? null,
    trigger: row.trigger,
    correlationId: row.correlationId,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export const approvalDto = z
  .object({
    id: z.uuid(),
    workflowId: z.uuid(),
    workflowName: z.string().nullable(),
    workflowRunId: z.uuid(),
    nodeId: z.string(),
    prompt: z.string(),
    status: z.enum(APPROVAL_STATUSES),
    decidedBy: z.uuid().nullable(),
    comment: z.string().nullable(),
    expiresAt: iso,
    decidedAt: iso.nullable(),
    createdAt: iso,
  })
  .meta({ id: "WorkflowApproval" });

export type ApprovalDto = z.infer<typeof approvalDto>;

export function toApprovalDto(row: WorkflowApproval, workflowName: string | null): ApprovalDto {
  return {
    id: row.id,
    workflowId: row.workflowId,
    workflowName,
    workflowRunId: row.workflowRunId,
    nodeId: row.nodeId,
    prompt: row.prompt,
    status: row.status,
    decidedBy: row.decidedBy,
    comment: row.comment,
    expiresAt: row.expiresAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
