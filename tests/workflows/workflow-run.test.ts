import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workflowRun } from "@/inngest/functions/workflow-run";
import { startFakeOpenAI } from "../support/fake-openai-server";
import { openAIAgent } from "../runs/support";
import type { TestDatabase } from "../support/databases";
import { closeWorkflowDatabase, openWorkflowDatabase, requestedEvent, seedWorkflowTenant, within } from "./support";

type Org = Awaited<ReturnType<typeof seedWorkflowTenant>>;
type Decision = "approved" | "rejected" | "none";

/**
 * The workflow-run function under @inngest/test, against a real database: agent nodes run the
 * local provider through the runs engine, and `step.waitForEvent` is replaced (STACK-NOTES) by a
 * function that decides the approval through the real verb, as a person in the inbox would, and
 * returns the event the dispatcher would have delivered — or null (a timeout).
 */
function engineFor(org: Org, decision: Decision) {
  const decided = new Set<string>();
  return new InngestTestEngine({
    function: workflowRun,
    transformCtx: (ctx) => {
      const waitForEvent = async (_id: string, opts: { if?: string }) => {
        const approvalId = /'([0-9a-f-]{36})'/.exec(opts.if ?? "")?.[1];
        if (!approvalId) throw new Error(`unexpected wait: ${opts.if}`);
        if (decision === "none") return null;
        if (!decided.has(approvalId)) {
          decided.add(approvalId);
          await org.caller.workflows.decide({ id: approvalId, decision, comment: "looks fine" });
        }
        return { name: "workflow.approval_decided", data: { payload: { approvalId, decision } } };
      };
      return { ...ctx, step: { ...ctx.step, waitForEvent } } as typeof ctx;
    },
  });
}

async function twoNodeWorkflow(org: Org) {
  return org.caller.workflows.create({
    name: `Answer ${Math.random().toString(36).slice(2, 7)}`,
    definition: {
      nodes: [
        { id: "draft", kind: "agent", agentId: org.agentId, input: "Draft an answer to: {{input.question}}" },
        { id: "approve", kind: "approval", prompt: "Send this? {{nodes.draft.output.text}}" },
        { id: "send", kind: "condition", expression: '{{nodes.approve.output.approved}} == true and {{input.question}} contains "refund"' },
      ],
      edges: [
        { from: "draft", to: "approve" },
        { from: "approve", to: "send" },
      ],
    },
  });
}

describe("workflow-run (Inngest function)", () => {
  let db: TestDatabase;
  let org: Org;
  beforeAll(async () => {
    db = await openWorkflowDatabase();
    org = await seedWorkflowTenant(db);
  });
  afterAll(async () => {
    await closeWorkflowDatabase(db);
  });

  it("runs an agent node, waits for the approval, and completes; each node's state and the agent run recorded once", async () => {
    const workflow = await twoNodeWorkflow(org);
    const run = await org.caller.workflows.startRun({ id: workflow.id, input: { question: "Can I get a refund?" } });
    expect(run.status).toBe("queued");
    const event = await requestedEvent(db, run.id);

    const { result } = await within(60_000, engineFor(org, "approved").execute({ events: [event as never] }), "the run");
    expect(result).toMatchObject({ status: "completed", output: { send: { result: true } } });

    const finished = await org.caller.workflows.run({ id: run.id });
    expect(finished.status).toBe("completed");
    const byId = Object.fromEntries(finished.nodes.map((n) => [n.nodeId, n]));
    expect(byId.draft).toMatchObject({ state: "completed", attempts: 1 });
    expect(byId.draft!.output).toMatchObject({ status: "completed", runId: byId.draft!.agentRunId });
    expect(byId.approve).toMatchObject({ state: "completed", output: { approved: true, comment: "looks fine", decidedBy: org.owner.id } });
    expect(byId.send).toMatchObject({ state: "completed", output: { result: true } });

    // The agent run was started once, with the run-and-node idempotency key, by the workflow's system principal.
    const agentRuns = await db.ownerSql("select id, idempotency_key, actor_type, actor_id from runs where idempotency_key like $1", [
      `${run.id}:%`,
    ]);
    expect(agentRuns).toEqual([
      { id: byId.draft!.agentRunId, idempotency_key: `${run.id}:draft`, actor_type: "system", actor_id: "workflow-run" },
    ]);

    // The approval prompt was filled from the draft's output; the decision is audited and evented.
    const [approval] = await db.ownerSql("select prompt, status from workflow_approvals where workflow_run_id = $1", [run.id]);
    expect(approval).toMatchObject({ status: "approved" });
    expect(String(approval!.prompt)).toMatch(/^Send this\? \S/);
    const types = (await db.ownerSql("select type from events where correlation_id = $1 order by id", [event.data.correlationId])).map(
      (r) => r.type,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        "workflow.run_requested",
        "workflow.approval_requested",
        "run.requested",
        "run.completed",
        "workflow.run_completed",
      ]),
    );
    const audit = await db.ownerSql("select action, target_id from audit_log where action = 'approval.decided' and tenant_id = $1", [
      org.tenant.id,
    ]);
    expect(audit.length).toBeGreaterThanOrEqual(1);

    // Running the same trigger again (a redelivery) repeats nothing: the run has ended.
    const again = await within(30_000, engineFor(org, "approved").execute({ events: [event as never] }), "the replay");
    expect(again.result).toEqual({ status: "ended" });
    expect(await db.ownerSql("select id from runs where idempotency_key like $1", [`${run.id}:%`])).toHaveLength(1);
  });

  it("a rejection skips what follows the approval; an undecided approval expires and fails the run naming the node", async () => {
    const workflow = await twoNodeWorkflow(org);
    const rejected = await org.caller.workflows.startRun({ id: workflow.id, input: { question: "refund?" } });
    const r1 = await within(60_000, engineFor(org, "rejected").execute({ events: [(await requestedEvent(db, rejected.id)) as never] }));
    expect(r1.result).toMatchObject({ status: "completed" });
    const afterReject = await org.caller.workflows.run({ id: rejected.id });
    expect(Object.fromEntries(afterReject.nodes.map((n) => [n.nodeId, n.state]))).toEqual({
      draft: "completed",
      approve: "completed",
      send: "skipped",
    });

    const expired = await org.caller.workflows.startRun({ id: workflow.id, input: { question: "refund?" } });
    const r2 = await within(60_000, engineFor(org, "none").execute({ events: [(await requestedEvent(db, expired.id)) as never] }));
    expect(r2.result).toEqual({ status: "failed", nodeId: "approve" });
    const afterExpiry = await org.caller.workflows.run({ id: expired.id });
    expect(afterExpiry.status).toBe("failed");
    expect(afterExpiry.error).toMatchObject({ code: "approval_expired", nodeId: "approve" });
    expect(afterExpiry.error!.message).toContain("“approve”");
    expect(afterExpiry.nodes.find((n) => n.nodeId === "send")!.state).toBe("skipped");
    const [approval] = await db.ownerSql("select status from workflow_approvals where workflow_run_id = $1", [expired.id]);
    expect(approval!.status).toBe("expired");
  });

  it("a run cancelled before the engine reaches it does nothing", async () => {
    const workflow = await twoNodeWorkflow(org);
    const run = await org.caller.workflows.startRun({ id: workflow.id, input: { question: "x" } });
    const cancelled = await org.caller.workflows.cancelRun({ id: run.id });
    expect(cancelled.status).toBe("cancelled");
    const { result } = await within(30_000, engineFor(org, "approved").execute({ events: [(await requestedEvent(db, run.id)) as never] }));
    expect(result).toEqual({ status: "ended" });
    const after = await org.caller.workflows.run({ id: run.id });
    expect(after.nodes.every((n) => n.state === "cancelled")).toBe(true);
    expect(await db.ownerSql("select id from runs where idempotency_key like $1", [`${run.id}:%`])).toHaveLength(0);
    const [cancelEvent] = await db.ownerSql(
      "select payload from events where type = 'workflow.run_cancelled' and payload->>'workflowRunId' = $1",
      [run.id],
    );
    expect(cancelEvent!.payload).toEqual({ workflowRunId: run.id, workflowId: workflow.id });
  });

  it("retries a node that times out, with a new agent run per attempt, then fails the run naming the node", async () => {
    const hanging = await startFakeOpenAI({ script: { text: "never", hang: "before_headers" } });
    try {
      const { agent } = await openAIAgent(org as unknown as Parameters<typeof openAIAgent>[0], hanging.url, { instructions: "Be brief." });
      const workflow = await org.caller.workflows.create({
        name: "Slow",
        definition: {
          nodes: [{ id: "slow", kind: "agent", agentId: agent.id, input: "{{input.q}}", timeoutSeconds: 1, retries: 1 }],
          edges: [],
        },
      });
      const run = await org.caller.workflows.startRun({ id: workflow.id, input: { q: "hello?" } });
      const { result } = await within(60_000, engineFor(org, "none").execute({ events: [(await requestedEvent(db, run.id)) as never] }));
      expect(result).toEqual({ status: "failed", nodeId: "slow" });
      const after = await org.caller.workflows.run({ id: run.id });
      expect(after.error).toMatchObject({ code: "timeout", nodeId: "slow" });
      expect(after.nodes[0]).toMatchObject({ state: "failed", attempts: 2, error: { code: "timeout" } });
      const keys = await db.ownerSql("select idempotency_key, status from runs where idempotency_key like $1 order by 1", [`${run.id}:%`]);
      expect(keys).toEqual([
        { idempotency_key: `${run.id}:slow`, status: "failed" },
        { idempotency_key: `${run.id}:slow:2`, status: "failed" },
      ]);
    } finally {
      await hanging.close();
    }
  });

  it("declares per-tenant concurrency and cancellation on the run id", () => {
    const config = workflowRun["opts"] as { concurrency: unknown; cancelOn: unknown };
    expect(config.concurrency).toEqual({ key: "event.data.tenantId", limit: 10 });
    expect(config.cancelOn).toEqual([{ event: "workflow.run_cancelled", match: "data.payload.workflowRunId" }]);
  });
});
