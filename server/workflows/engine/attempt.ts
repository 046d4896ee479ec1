import type { DomainContext, TenantContext } from "../../request-context";
import { logger } from "../../obs/logger";
import { isTenantSuspended, type TenantAccess } from "../../tenancy/tenant-context";
import { evaluateCondition, parseCondition } from "../condition";
import type { WorkflowNode } from "../definition";
import { renderTemplate, type TemplateScope } from "../template";
import { agentRunKey, runAgentNode } from "./agent-node";
import type { NodeOutcome } from "./outcomes";
import { updateNode } from "./run-state";
import { runWebhookNode, type WebhookNetwork } from "./webhook-node";

/** What one attempt needs from the function: its tenant transactions, the system access for agent runs, the run's ids. */
export type AttemptEnv = {
  act: <R>(work: (ctx: TenantContext) => Promise<R>) => Promise<R>;
  deps: DomainContext;
  access: () => Promise<TenantAccess>;
  tenantId: string;
  workflowId: string;
  workflowRunId: string;
  network?: WebhookNetwork;
};

type RunnableNode = Exclude<WorkflowNode, { kind: "approval" }>;

async function perform(env: AttemptEnv, node: RunnableNode, attempt: number, scope: TemplateScope) {
  switch (node.kind) {
    case "condition":
      return { state: "completed", output: { result: evaluateCondition(parseCondition(node.expression), scope) } } as NodeOutcome;
    case "agent":
      return runAgentNode(
        env.deps,
        await env.access(),
        node,
        renderTemplate(node.input, scope),
        agentRunKey(env.workflowRunId, node.id, attempt),
      );
    case "webhook":
      return runWebhookNode(env.tenantId, env, node, renderTemplate(node.body, scope), env.network);
  }
}

/**
 * One attempt at a node, the body of one `step.run`: node → running (unless the run has ended),
 * the work with no transaction open, then the result. A failed attempt that will be retried
 * leaves the node running with its error; the last one settles it.
 */
export async function runAttempt(env: AttemptEnv, node: RunnableNode, attempt: number, scope: TemplateScope): Promise<NodeOutcome> {
  const active = await env.act((ctx) =>
    updateNode(ctx, env.workflowRunId, node.id, { state: "running", attempts: attempt, started: true }),
  );
  if (!active) return { state: "cancelled" };
  let outcome: NodeOutcome & { agentRunId?: string | null };
  try {
    outcome = await perform(env, node, attempt, scope);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    // The agent run under this key is still going (a process died inside this step): let the
    // engine retry the step later rather than fail the node; the stale-run sweeper settles it.
    if (code === "run_in_progress") throw error;
    // The organisation was suspended meanwhile: not the node's failure — the step is held until reactivation (inngest/hold.ts).
    if (isTenantSuspended(error)) throw error;
    if (typeof code !== "string") logger.error({ err: error, workflowRunId: env.workflowRunId, nodeId: node.id }, "workflow node failed");
    outcome = {
      state: "failed",
      error:
        typeof code === "string" ? { code, message: (error as Error).message } : { code: "internal_error", message: "The node failed." },
    };
  }
  const last = outcome.state === "completed" || attempt > node.retries;
  const settled = await env.act((ctx) =>
    updateNode(ctx, env.workflowRunId, node.id, {
      state: last ? outcome.state : "running",
      output: outcome.output ?? null,
      error: outcome.error ?? null,
      ...(outcome.agentRunId !== undefined ? { agentRunId: outcome.agentRunId } : {}),
      finished: last,
    }),
  );
  if (!settled) return { state: "cancelled" };
  return { state: outcome.state, output: outcome.output ?? null, error: outcome.error ?? null };
}
