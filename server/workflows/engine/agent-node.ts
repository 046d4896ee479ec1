import type { DomainContext } from "../../request-context";
import { startRun } from "../../runs/start-run";
import type { TenantAccess } from "../../tenancy/tenant-context";
import type { WorkflowNode } from "../definition";
import type { NodeOutcome } from "./outcomes";

/** The agent run's Idempotency-Key: a repeated step finds the run it already started instead of starting another. */
export function agentRunKey(workflowRunId: string, nodeId: string, attempt: number): string {
  return attempt === 1 ? `${workflowRunId}:${nodeId}` : `${workflowRunId}:${nodeId}:${attempt}`;
}

/**
 * Runs the node's agent once through the runs engine (guard, steps, usage, incidents — all as
 * for any run), as the workflow's system principal. A blocked answer still completes the node:
 * `status` and `riskLevel` are there for a condition to route on.
 */
export async function runAgentNode(
  deps: DomainContext,
  access: TenantAccess,
  node: Extract<WorkflowNode, { kind: "agent" }>,
  input: string,
  key: string,
): Promise<NodeOutcome & { agentRunId: string | null }> {
  const run = await startRun(
    deps,
    access,
    { agentId: node.agentId, input: input.trim() || "(empty)", idempotencyKey: key, stream: false },
    { signal: AbortSignal.timeout(node.timeoutSeconds * 1000) },
  );
  if (run.status === "failed") {
    return { state: "failed", error: run.error ?? { code: "run_failed", message: "The agent run failed." }, agentRunId: run.id };
  }
  return {
    state: "completed",
    output: { text: run.output ?? "", runId: run.id, status: run.status, riskLevel: run.riskLevel, trustScore: run.trustScore },
    agentRunId: run.id,
  };
}
