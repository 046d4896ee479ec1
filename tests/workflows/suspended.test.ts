import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadLetterCapture } from "@/inngest/functions/dead-letter-capture";
import { workflowRun } from "@/inngest/functions/workflow-run";
import { useKeyring as setKeyring } from "@/server/crypto/keyring";
import { consoleAs, seedOperator } from "../platform/support";
import { installTestKeyring } from "../runs/support";
import type { SeededUser } from "../support/callers";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";
import { seedWorkflowTenant } from "./support";

const HOUR = 3_600_000;

/**
 * A workflow run in an organisation suspended before it started, through the in-process driver:
 * it is held — no node attempt spent, no retry burnt, no dead letter, however long — and runs to
 * completion once the organisation is reactivated (inngest/hold.ts).
 */
describe("a workflow run while its organisation is suspended", () => {
  let engine: TestEngine;
  let operator: SeededUser;
  beforeAll(async () => {
    // Only the functions involved: no cron ticks while the clock is fast-forwarded by hours.
    engine = await startTestEngine({ functions: [workflowRun, deadLetterCapture] });
    installTestKeyring();
    operator = await seedOperator(engine.db);
  }, 120_000);
  afterAll(async () => {
    setKeyring(null);
    await engine?.stop();
  });

  it("is held without spending attempts or landing in dead letters, and completes after reactivation", async () => {
    const org = await seedWorkflowTenant(engine.db);
    const workflow = await org.caller.workflows.create({
      name: "Held",
      definition: {
        nodes: [
          { id: "draft", kind: "agent", agentId: org.agentId, input: "Draft: {{input.message}}" },
          { id: "done", kind: "condition", expression: "{{input.message}} == 'hello'" },
        ],
        edges: [{ from: "draft", to: "done" }],
      },
    });
    const run = await org.caller.workflows.startRun({ id: workflow.id, input: { message: "hello" } });
    await consoleAs(engine.db, operator).suspend({ tenantId: org.tenant.id, reason: "ticket 77: abuse review" });

    // Thirteen hours: far past every retry's backoff, and one re-check of the hold.
    await engine.drain({ advanceMs: 13 * HOUR, timeoutMs: 120_000 });
    const [held] = await engine.db.ownerSql("select status from workflow_runs where id = $1", [run.id]);
    expect(held!.status).not.toMatch(/failed|completed/);
    const nodes = await engine.db.ownerSql("select node_id, state, attempts from workflow_node_runs where workflow_run_id = $1", [run.id]);
    expect(nodes.filter((n) => n.state === "failed")).toEqual([]);
    expect(nodes.every((n) => Number(n.attempts ?? 0) === 0)).toBe(true);
    const [runs] = await engine.db.ownerSql("select count(*)::int as n from runs where idempotency_key like $1", [`${run.id}:%`]);
    expect(runs!.n).toBe(0);
    const [engineRun] = await engine.runsOf("workflow-run");
    expect(engineRun).toMatchObject({ status: "waiting" });
    const [letters] = await engine.db.ownerSql("select count(*)::int as n from dead_letters where tenant_id = $1", [org.tenant.id]);
    expect(letters!.n).toBe(0);

    await consoleAs(engine.db, operator).reactivate({ tenantId: org.tenant.id, reason: "ticket 77: cleared" });
    await engine.drain({ timeoutMs: 120_000 });
    const finished = await org.caller.workflows.run({ id: run.id });
    expect(finished.status).toBe("completed");
    expect(finished.output).toEqual({ done: { result: true } });
    expect(Object.fromEntries(finished.nodes.map((n) => [n.nodeId, n.attempts]))).toMatchObject({ draft: 1 });
  });
});
