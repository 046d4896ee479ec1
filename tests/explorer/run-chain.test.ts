import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runs } from "@/db/schema";
import { asSystem, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { failure } from "../support/failures";
import { runCompleted, runRequested, seedEvents } from "./support";

/**
 * A run's causal chain: the request's events (same correlation as its run.requested), the
 * events naming the run, and their descendants by causation — as a tree in time order — and
 * nothing of another request, run or tenant.
 */
let db: TestDatabase;

beforeAll(async () => {
  db = await createPostgresTestDatabase({ max: 8 });
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

/** A run row of a real agent, written directly: its events are what each test seeds. */
async function seedRun(o: Awaited<ReturnType<typeof seedTenant>>): Promise<string> {
  const agent = await o.as(o.owner).agents.create({ template: "customer-service", name: "Support" });
  const tenantId = o.tenant.id;
  const userId = o.owner.id;
  return asSystem(db, tenantId, async (ctx) => {
    const [run] = await ctx.tx
      .insert(runs)
      .values({
        tenantId,
        agentId: agent.id,
        agentVersion: 1,
        status: "completed",
        input: "hi",
        actorType: "user",
        actorId: userId,
        userId,
      })
      .returning({ id: runs.id });
    return run!.id;
  });
}

describe("a run's causal chain", () => {
  it("gathers the request, the run's events and everything they caused, as a tree in time order", async () => {
    const o = await seedTenant(db);
    const runId = await seedRun(o);
    const otherRun = randomUUID();
    const incidentId = randomUUID();
    const [requested, threat] = await seedEvents(db, o.tenant.id, [
      { type: "run.requested", payload: runRequested(runId), correlationId: "req-1" },
      // Same request, no runId in its payload: joined through the correlation.
      {
        type: "incident.updated",
        payload: { incidentId, occurrence: true, severity: "high", runId: null },
        correlationId: "req-1",
      },
    ]);
    const [completed] = await seedEvents(db, o.tenant.id, [
      // Another correlation (a later job), but it names the run.
      { type: "run.completed", payload: runCompleted(runId), correlationId: "job-9" },
    ]);
    // Caused by run.completed, in yet another correlation, naming no run: reached by causation only.
    const [grandchild] = await seedEvents(db, o.tenant.id, [
      {
        type: "incident.updated",
        payload: { incidentId, occurrence: true, severity: "low", runId: null },
        correlationId: "wf-2",
        causationId: completed,
      },
    ]);
    const [greatGrandchild] = await seedEvents(db, o.tenant.id, [
      {
        type: "incident.updated",
        payload: { incidentId, occurrence: true, severity: "low", runId: null },
        correlationId: "wf-2",
        causationId: grandchild,
      },
    ]);
    // Noise: another run, another request.
    await seedEvents(db, o.tenant.id, [
      { type: "run.requested", payload: runRequested(otherRun), correlationId: "req-2" },
      { type: "run.completed", payload: runCompleted(otherRun), correlationId: "req-2" },
    ]);

    const chain = await o.as(o.owner).events.runChain({ id: runId });
    expect(chain.truncated).toBe(false);
    expect(chain.items.map((e) => [e.id, e.depth, e.parentId])).toEqual([
      [requested, 0, null],
      [threat, 0, null],
      [completed, 0, null],
      [grandchild, 1, completed],
      [greatGrandchild, 2, grandchild],
    ]);
  });

  it("is empty for a run with no events, and 404 for another tenant's run or a missing one", async () => {
    const a = await seedTenant(db);
    const b = await seedTenant(db);
    const quiet = await seedRun(a);
    expect((await a.as(a.owner).events.runChain({ id: quiet })).items).toEqual([]);
    const bRun = await seedRun(b);
    await seedEvents(db, b.tenant.id, [{ type: "run.requested", payload: runRequested(bRun), correlationId: "b-req" }]);
    expect((await b.as(b.owner).events.runChain({ id: bRun })).items).toHaveLength(1);
    const foreign = await failure(a.as(a.owner).events.runChain({ id: bRun }));
    const missing = await failure(a.as(a.owner).events.runChain({ id: randomUUID() }));
    expect(foreign.httpStatus).toBe(404);
    expect(foreign.error).toEqual(missing.error);
  });

  it("includes a run started through the real verb: its run.requested, completion and usage share the request", async () => {
    const o = await seedTenant(db);
    const owner = o.as(o.owner);
    const agent = await owner.agents.create({ template: "customer-service", name: "Support" });
    // A caller is one request (one request id, so one correlation): the run gets its own.
    const run = await o.as(o.owner).runs.create({ id: agent.id, input: "How long do I have to return an item?" });
    const chain = await owner.events.runChain({ id: run.id });
    const types = chain.items.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["run.requested", "usage.recorded"]));
    expect(types.some((t) => t === "run.completed" || t === "run.failed")).toBe(true);
    expect(types).not.toContain("agent.created");
  });
});
