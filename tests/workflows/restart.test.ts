import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useKeyring as setKeyring } from "@/server/crypto/keyring";
import { installTestKeyring } from "../runs/support";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { startTestEngine } from "../support/inngest-engine";
import { seedWorkflowTenant } from "./support";

/**
 * A process stopped between a workflow's steps: one engine runs the first steps up to the
 * approval and stops; the decision is made while no engine runs (its event waits in the outbox);
 * a new engine on the same database delivers it, resumes the run and finishes it. No event is lost, and no node's side
 * effect happens twice (each agent node made one agent run, under its run-and-node key).
 */
describe("a workflow survives a restart between steps", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 4 });
  }, 120_000);
  afterAll(async () => {
    setKeyring(null);
    await db?.drop();
  });

  it("finishes on the second engine with each node executed once", async () => {
    const first = await startTestEngine({ db });
    installTestKeyring();
    const org = await seedWorkflowTenant(db);
    const workflow = await org.caller.workflows.create({
      name: "Restartable",
      definition: {
        nodes: [
          { id: "one", kind: "agent", agentId: org.agentId, input: "First: {{input.message}}" },
          { id: "two", kind: "approval", prompt: "Continue after {{nodes.one.output.text}}?" },
          { id: "three", kind: "agent", agentId: org.agentId, input: "Third: {{nodes.one.output.text}}" },
        ],
        edges: [
          { from: "one", to: "two" },
          { from: "two", to: "three" },
        ],
      },
    });
    const run = await org.caller.workflows.startRun({ id: workflow.id, input: { message: "hello" } });
    await first.drain({ timeoutMs: 90_000 });
    const midway = await org.caller.workflows.run({ id: run.id });
    expect(midway.status).toBe("waiting_approval");
    expect(midway.nodes.find((n) => n.nodeId === "three")!.state).toBe("pending");
    await first.stop();
    // Decided while no engine is running: the event is only in the outbox.
    const [approval] = (await org.caller.workflows.approvals({})).items;
    await org.caller.workflows.decide({ id: approval!.id, decision: "approved" });

    const second = await startTestEngine({ db });
    try {
      await second.drain({ timeoutMs: 90_000 });
      const finished = await org.caller.workflows.run({ id: run.id });
      expect(finished.status).toBe("completed");
      expect(finished.nodes.map((n) => [n.nodeId, n.state, n.attempts]).sort()).toEqual([
        ["one", "completed", 1],
        ["three", "completed", 1],
        ["two", "completed", 1],
      ]);
      // Each agent node's run happened once.
      const keys = await db.ownerSql(
        "select idempotency_key, count(*)::int as n from runs where idempotency_key like $1 group by 1 order by 1",
        [`${run.id}:%`],
      );
      expect(keys).toEqual([
        { idempotency_key: `${run.id}:one`, n: 1 },
        { idempotency_key: `${run.id}:three`, n: 1 },
      ]);
      const events = await db.ownerSql(
        "select type, count(*)::int as n from events where payload->>'workflowRunId' = $1 group by 1 order by 1",
        [run.id],
      );
      expect(events).toEqual([
        { type: "workflow.approval_decided", n: 1 },
        { type: "workflow.approval_requested", n: 1 },
        { type: "workflow.run_completed", n: 1 },
        { type: "workflow.run_requested", n: 1 },
      ]);
      const undelivered = await db.ownerSql("select count(*)::int as n from events where delivered_at is null");
      expect(undelivered[0]!.n).toBe(0);
    } finally {
      await second.stop();
    }
  });
});
