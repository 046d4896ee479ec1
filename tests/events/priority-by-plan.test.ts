import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { specOf } from "@/inngest/driver/registry";
import { claimRuns } from "@/inngest/driver/store";
import { PLAN_PRIORITY } from "@/inngest/flow-control";
import { workflowRun } from "@/inngest/functions/workflow-run";
import { dispatchBatch } from "@/server/events/dispatcher";
import { emitEvent } from "@/server/events/emit-event";
import { asSystem, seedTenant } from "../support/callers";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";

/**
 * Priority by plan, end to end: the dispatcher puts the tenant's plan on the event, the app's
 * workflow function declares PLAN_PRIORITY, and the driver starts an Enterprise tenant's run ahead
 * of a Free tenant's queued earlier — while still taking runs round-robin over tenants.
 */
describe("priority by plan", () => {
  let engine: TestEngine;
  let free: string;
  let enterprise: string;
  beforeAll(async () => {
    engine = await startTestEngine({ functions: [workflowRun] });
    free = (await seedTenant(engine.db)).tenant.id;
    enterprise = (await seedTenant(engine.db)).tenant.id;
    await engine.db.ownerSql(`update tenants set plan_id = 'enterprise' where id = '${enterprise}'`);
  });
  afterAll(async () => {
    await engine?.stop();
  });

  const request = (tenantId: string, n: number) =>
    asSystem(engine.db, tenantId, async (ctx) => {
      for (let i = 0; i < n; i++)
        await emitEvent(ctx, "workflow.run_requested", {
          workflowRunId: randomUUID(),
          workflowId: randomUUID(),
          version: 1,
          trigger: "api",
        });
    });
  const dispatch = async () => {
    while ((await dispatchBatch(engine.db.scopes, { accept: engine.driver.accept })) > 0);
  };
  const claim = (max: number) =>
    engine.db.scopes.withEngine((tx) => claimRuns(tx, { now: engine.now(), owner: "probe", leaseMs: 60_000, max }));
  const tenantOf = (run: { events: Record<string, unknown>[] }) => (run.events[0]!.data as { tenantId: string }).tenantId;
  const release = () => engine.db.ownerSql(`update engine_runs set lease_owner = null, lease_until = null, status = 'queued'`);

  it("evaluates the plan ladder: enterprise > pro > free (and an unknown plan counts as free)", () => {
    const spec = specOf({ id: "x", triggers: [], priority: PLAN_PRIORITY });
    const of = (plan: unknown) => spec.priority!({ data: { plan } });
    expect([of("enterprise"), of("pro"), of("free"), of(null), of("q?:'x")]).toEqual([300, 120, 0, 0, 0]);
  });

  it("carries the tenant's plan on every dispatched event (one look-up per batch)", async () => {
    await request(free, 3);
    await request(enterprise, 1);
    await dispatch();
    const runs = await engine.runsOf("workflow-run");
    expect(runs.map((r) => [tenantOf(r), (r.events[0]!.data as { plan: string }).plan])).toEqual([
      [free, "free"],
      [free, "free"],
      [free, "free"],
      [enterprise, "enterprise"],
    ]);
  });

  it("starts the Enterprise tenant's run before the Free tenant's runs queued earlier", async () => {
    const [first] = await claim(1);
    expect(tenantOf(first!)).toBe(enterprise);
    await release();
  });

  it("stays fair: an Enterprise flood does not hold back a Free tenant's run", async () => {
    await request(enterprise, 12);
    await dispatch();
    // Two slots: one per tenant, round-robin over tenants before priority orders within a round.
    const taken = await claim(2);
    expect(taken.map(tenantOf).sort()).toEqual([free, enterprise].sort());
    await release();
  });
});
