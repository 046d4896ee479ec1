import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useKeyring as setKeyring } from "@/server/crypto/keyring";
import { installTestKeyring } from "../runs/support";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";
import { seedWorkflowTenant } from "./support";

type Org = Awaited<ReturnType<typeof seedWorkflowTenant>>;

/**
 * Workflows end to end through the in-process Inngest driver: the outbox event starts the
 * function, agent nodes run on the local provider, the approval waits for the real
 * `workflow.approval_decided` event written by the decide verb, timeouts are fast-forwarded by
 * the driver's clock, and a cancel reaches the function through `cancelOn`.
 */
describe("workflows through the in-process driver", () => {
  let engine: TestEngine;
  let org: Org;
  beforeAll(async () => {
    engine = await startTestEngine();
    installTestKeyring();
    org = await seedWorkflowTenant(engine.db);
  }, 120_000);
  afterAll(async () => {
    setKeyring(null);
    await engine?.stop();
  });

  const create = () =>
    org.caller.workflows.create({
      name: `Engine ${Math.random().toString(36).slice(2, 7)}`,
      definition: {
        nodes: [
          { id: "classify", kind: "agent", agentId: org.agentId, input: "Classify: {{input.message}}" },
          { id: "draft", kind: "agent", agentId: org.agentId, input: "Draft: {{input.message}}" },
          { id: "review", kind: "approval", prompt: "Send? {{nodes.draft.output.text}}", timeoutSeconds: 3600 },
          { id: "done", kind: "condition", expression: "{{nodes.review.output.approved}} == true" },
        ],
        edges: [
          { from: "classify", to: "review" },
          { from: "draft", to: "review" },
          { from: "review", to: "done" },
        ],
      },
    });
  const states = async (id: string) => Object.fromEntries((await org.caller.workflows.run({ id })).nodes.map((n) => [n.nodeId, n.state]));

  it("runs to the approval, waits, and completes when a member approves through the verb", async () => {
    const workflow = await create();
    const run = await org.caller.workflows.startRun({ id: workflow.id, input: { message: "Where is my parcel?" } });
    await engine.drain({ timeoutMs: 90_000 });
    expect((await org.caller.workflows.run({ id: run.id })).status).toBe("waiting_approval");
    expect(await states(run.id)).toEqual({ classify: "completed", draft: "completed", review: "waiting", done: "pending" });

    const { items } = await org.caller.workflows.approvals({});
    const approval = items.find((a) => a.workflowRunId === run.id)!;
    expect(approval.prompt).toMatch(/^Send\? \S/);
    await org.caller.workflows.decide({ id: approval.id, decision: "approved" });
    await engine.drain({ timeoutMs: 90_000 });

    const finished = await org.caller.workflows.run({ id: run.id });
    expect(finished.status).toBe("completed");
    expect(finished.output).toEqual({ done: { result: true } });
    expect(await states(run.id)).toEqual({ classify: "completed", draft: "completed", review: "completed", done: "completed" });
    // Each agent node started exactly one agent run.
    const agentRuns = await engine.db.ownerSql("select idempotency_key from runs where idempotency_key like $1 order by 1", [
      `${run.id}:%`,
    ]);
    expect(agentRuns.map((r) => r.idempotency_key)).toEqual([`${run.id}:classify`, `${run.id}:draft`]);
    const [completed] = await engine.db.ownerSql(
      "select payload from events where type = 'workflow.run_completed' and payload->>'workflowRunId' = $1",
      [run.id],
    );
    expect(completed).toBeTruthy();
  });

  it("an approval nobody decides expires when its time is up, and the run fails naming the node", async () => {
    const workflow = await create();
    const run = await org.caller.workflows.startRun({ id: workflow.id, input: { message: "x" } });
    await engine.drain({ timeoutMs: 90_000 });
    expect((await org.caller.workflows.run({ id: run.id })).status).toBe("waiting_approval");
    await engine.drain({ advanceMs: 3601_000, timeoutMs: 90_000 });
    const failed = await org.caller.workflows.run({ id: run.id });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ code: "approval_expired", nodeId: "review" });
    expect(await states(run.id)).toMatchObject({ review: "failed", done: "skipped" });
  });

  it("cancelling a waiting run stops the function (cancelOn) and settles every node", async () => {
    const workflow = await create();
    const run = await org.caller.workflows.startRun({ id: workflow.id, input: { message: "x" } });
    await engine.drain({ timeoutMs: 90_000 });
    await org.caller.workflows.cancelRun({ id: run.id });
    await engine.drain({ timeoutMs: 90_000 });
    const cancelled = await org.caller.workflows.run({ id: run.id });
    expect(cancelled.status).toBe("cancelled");
    expect(await states(run.id)).toMatchObject({ review: "cancelled", done: "cancelled" });
    const runs = await engine.runsOf("workflow-run");
    const mine = runs.find((r) => JSON.stringify(r).includes(run.id));
    expect(mine?.status).toBe("cancelled");
    const [approval] = await engine.db.ownerSql("select status from workflow_approvals where workflow_run_id = $1", [run.id]);
    expect(approval!.status).toBe("expired");
  });

  it("runs the customer-service template: classify and retrieve in parallel, draft, guard, and — low risk — reply without approval", async () => {
    const workflow = await org.caller.workflows.create({ name: "Support desk", template: "customer-service" });
    const run = await org.caller.workflows.startRun({ id: workflow.id, input: { message: "How long do I have to return an item?" } });
    await engine.drain({ timeoutMs: 120_000 });
    const finished = await org.caller.workflows.run({ id: run.id });
    expect(finished.status).toBe("completed");
    expect(await states(run.id)).toEqual({
      classify: "completed",
      retrieve: "completed",
      draft: "completed",
      guard: "completed",
      approve: "skipped",
      reply: "completed",
    });
    expect(finished.nodes.find((n) => n.nodeId === "guard")!.output).toEqual({ result: false });
    expect(Object.keys(finished.output ?? {})).toEqual(["reply"]);
  });
});
