import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retentionPurge } from "@/inngest/functions/retention-purge";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";
import { seedRetentionRows } from "./retention-seed";
import { twoTenants } from "./support";

/**
 * The retention purge on its schedule, through the in-process driver: when the hour's cron tick
 * comes (the fake clock fast-forwards to it), the run finds the tenant past its plan's retention
 * and purges it, audited — no one calls the function by hand.
 */
describe("retention purge through the in-process driver", () => {
  let engine: TestEngine;

  beforeAll(async () => {
    engine = await startTestEngine({ functions: [retentionPurge] });
  }, 120_000);
  afterAll(async () => {
    await engine?.stop();
  });

  it("runs on the hourly cron and purges what the plan no longer keeps", async () => {
    const t = await twoTenants(engine.db);
    const agent = await t.a.as(t.a.owner).agents.create({ template: "customer-service", name: "Support" });
    const seeded = await seedRetentionRows(engine.db, t.A, agent.id, 40);
    expect(await engine.runsOf("retention-purge")).toEqual([]);

    await engine.drain({ advanceMs: 61 * 60_000 });

    const runs = await engine.runsOf("retention-purge");
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    expect(await engine.db.ownerSql("select 1 from runs where id = $1", [seeded.runs.old])).toEqual([]);
    expect(await engine.db.ownerSql("select 1 from runs where id = $1", [seeded.runs.young])).toHaveLength(1);
    const audit = await engine.db.ownerSql("select actor_id, diff from audit_log where tenant_id = $1 and action = 'retention.purged'", [
      t.A,
    ]);
    expect(audit).toEqual([{ actor_id: "retention-purge", diff: expect.objectContaining({ retentionDays: 30, complete: true }) }]);
  });
});
