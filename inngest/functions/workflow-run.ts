import { inngest } from "../client";
import { stepWhileActive } from "../hold";
import { actForEvent, metaForEvent, systemDeps } from "../act";
import { agentryEvent } from "../events";
import { PLAN_PRIORITY, WORKFLOW_START_THROTTLE } from "../flow-control";
import { resolveTenantAccess, type TenantAccess } from "@/server/tenancy/tenant-context";
import type { WorkflowNode } from "@/server/workflows/definition";
import { requestApproval, settleApproval } from "@/server/workflows/engine/approval-node";
import { runAttempt, type AttemptEnv } from "@/server/workflows/engine/attempt";
import { readyNodes, runOutput, scopeOf, shouldRun, type NodeOutcome } from "@/server/workflows/engine/outcomes";
import { beginWorkflowRun, finishWorkflowRun, updateNode } from "@/server/workflows/engine/run-state";
import { renderTemplate } from "@/server/workflows/template";

const JOB = "workflow-run";

/**
 * Runs one workflow: level by level, every node whose inputs have settled runs in parallel, one
 * `step.run` per attempt (so a replay re-runs nothing that finished), an approval as a step that
 * opens it, a `waitForEvent` for the decision and a step that settles it. The run's state rows
 * are written as they change (the run page polls them). A cancelled run is dropped by `cancelOn`,
 * and each step also checks the run is still going before it acts. While the organisation is
 * suspended every step is held, not failed (../hold.ts): no node attempt or retry is spent, and the
 * run goes on where it was once the organisation is reactivated.
 */
export const workflowRun = inngest.createFunction(
  {
    id: "workflow-run",
    triggers: [agentryEvent("workflow.run_requested")],
    concurrency: { key: "event.data.tenantId", limit: 10 },
    priority: PLAN_PRIORITY,
    throttle: WORKFLOW_START_THROTTLE,
    cancelOn: [{ event: "workflow.run_cancelled", match: "data.payload.workflowRunId" }],
    retries: 3,
  },
  async ({ event, step, runId }) => {
    const { workflowRunId } = event.data.payload;
    const act: AttemptEnv["act"] = (work) => actForEvent(event, runId, JOB, "workflow:run", work);
    const plan = await stepWhileActive(step, "begin", () => act((ctx) => beginWorkflowRun(ctx, workflowRunId)));
    if (!plan) return { status: "ended" as const };
    const { definition, input, workflowId } = plan;
    const deps = systemDeps(metaForEvent(event, runId));
    let access: Promise<TenantAccess> | undefined;
    const env: AttemptEnv = {
      act,
      deps,
      access: () => (access ??= resolveTenantAccess(deps, { kind: "system", tenantId: event.data.tenantId, job: JOB })),
      tenantId: event.data.tenantId,
      workflowId,
      workflowRunId,
    };
    const outcomes: Record<string, NodeOutcome> = {};

    const runNode = async (node: WorkflowNode): Promise<NodeOutcome> => {
      if (!shouldRun(definition, node, outcomes)) {
        const active = await stepWhileActive(step, `${node.id}:skip`, () =>
          act((ctx) => updateNode(ctx, workflowRunId, node.id, { state: "skipped", finished: true })),
        );
        return { state: active ? "skipped" : "cancelled" };
      }
      const scope = scopeOf(input, outcomes);
      if (node.kind === "approval") {
        const opened = await stepWhileActive(step, `${node.id}:request`, () =>
          act((ctx) => requestApproval(ctx, { workflowId, workflowRunId }, node, renderTemplate(node.prompt, scope))),
        );
        if (!opened) return { state: "cancelled" };
        await step.waitForEvent(`${node.id}:decision`, {
          event: "workflow.approval_decided",
          // Relative, so the engine's own clock decides (the stored expiry is for people; settle re-reads the row).
          timeout: `${node.timeoutSeconds}s`,
          if: `async.data.payload.approvalId == '${opened.approvalId}'`,
        });
        return stepWhileActive(step, `${node.id}:settle`, () => act((ctx) => settleApproval(ctx, workflowRunId, node, opened.approvalId)));
      }
      let outcome: NodeOutcome = { state: "failed" };
      for (let attempt = 1; attempt <= node.retries + 1; attempt++) {
        outcome = await stepWhileActive(step, `${node.id}:attempt-${attempt}`, () => runAttempt(env, node, attempt, scope));
        if (outcome.state !== "failed") break;
      }
      return outcome;
    };

    for (;;) {
      const ready = readyNodes(definition, outcomes);
      if (!ready.length) break;
      const settled = await Promise.all(ready.map(runNode));
      ready.forEach((node, i) => (outcomes[node.id] = settled[i]!));
      if (settled.some((o) => o.state === "cancelled")) return { status: "cancelled" as const };
      const failed = ready.find((n) => outcomes[n.id]!.state === "failed");
      if (failed) {
        const error = outcomes[failed.id]!.error ?? { code: "node_failed", message: "The node failed." };
        await stepWhileActive(step, "finish", () =>
          act((ctx) =>
            finishWorkflowRun(ctx, workflowRunId, {
              status: "failed",
              error: { code: error.code, message: `Node “${failed.id}” failed: ${error.message}`, nodeId: failed.id },
            }),
          ),
        );
        return { status: "failed" as const, nodeId: failed.id };
      }
    }
    const output = runOutput(definition, outcomes);
    await stepWhileActive(step, "finish", () => act((ctx) => finishWorkflowRun(ctx, workflowRunId, { status: "completed", output })));
    return { status: "completed" as const, output };
  },
);
