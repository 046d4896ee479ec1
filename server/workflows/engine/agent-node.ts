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
  const signal = AbortSignal.timeout(node.timeoutSeconds * 1000);
  const run = await startRun(
    deps,
    access,
    { agentId: node.agentId, input: input.trim() || "(empty)", idempotencyKey: key, stream: false },
    { signal },
  );
  if (run.status === "failed") {
    // The node's time limit aborts the run the way a client leaving would: say what happened.
    const error = signal.aborted
      ? { code: "timeout", message: `The agent did not finish within ${node.timeoutSeconds} s.` }
      : (run.error ?? { code: "run_failed", message: "The agent run failed." });
    return { state: "failed", error, agentRunId: run.id };
  }
  return {
    state: "completed",
    output: { text: run.output ?? "", runId: run.id, status: run.status, riskLevel: run.riskLevel, trustScore: run.trustScore },
    agentRunId: run.id,
  };
}
