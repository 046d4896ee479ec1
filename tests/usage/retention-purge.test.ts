import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retentionPurge } from "@/inngest/functions/retention-purge";
import { purgeTenant } from "@/server/retention/purge-tenant";
import type { TestDatabase } from "../support/databases";
import { daysAgo, seedRetentionRows } from "./retention-seed";
import { closeUsageDatabase, openUsageDatabase, runOnce, twoTenants } from "./support";

/**
 * The hourly retention purge (inngest/functions/retention-purge.ts) by @inngest/test on a real
 * database: each tenant's plan decides its cutoff; old rows go, young ones and everything kept as
 * evidence stay; another tenant is untouched; the audit log only grows, by one row per tenant purged.
 */

describe("retention purge", () => {
  let db: TestDatabase;
  let A: string;
  let B: string;
  let seededA: Awaited<ReturnType<typeof seedRetentionRows>>;
  let seededB: Awaited<ReturnType<typeof seedRetentionRows>>;

  const exists = async (table: string, id: string) => (await db.ownerSql(`select 1 from ${table} where id = $1`, [id])).length === 1;
  const auditOf = (tenantId: string) =>
    db.ownerSql("select id, seq, action, hash, diff, actor_type, actor_id from audit_log where tenant_id = $1 order by seq", [tenantId]);

  beforeAll(async () => {
    db = await openUsageDatabase();
    const t = await twoTenants(db);
    ({ A, B } = t);
    // A on Free (30 days), B on Pro (365 days): 40-day-old rows are past A's retention, not B's.
    await db.ownerSql("update tenants set plan_id = 'pro' where id = $1", [B]);
    const agentA = await t.a.as(t.a.owner).agents.create({ template: "customer-service", name: "Support A" });
    const agentB = await t.b.as(t.b.owner).agents.create({ template: "customer-service", name: "Support B" });
    seededA = await seedRetentionRows(db, A, agentA.id, 40);
    seededB = await seedRetentionRows(db, B, agentB.id, 40);
  });
  afterAll(async () => {
    await closeUsageDatabase(db);
  });

  it("declares an hourly cron and one run at a time", () => {
    const opts = retentionPurge["opts"] as { triggers?: unknown; concurrency?: unknown };
    expect(opts.triggers).toEqual([{ cron: "17 * * * *" }]);
    expect(opts.concurrency).toEqual({ limit: 1 });
  });

  it("deletes what the plan no longer retains, keeps the young, the owed and the evidence, and leaves other tenants alone", async () => {
    const auditA = await auditOf(A);
    const auditB = await auditOf(B);
    const platformBefore = await db.ownerSql("select count(*)::int as n from platform_audit_log");

    const result = (await runOnce(retentionPurge, [{ name: "inngest/scheduled.timer", data: { cron: "17 * * * *" } }])) as {
      tenants: number;
      results: { tenantId: string; deleted: Record<string, number>; complete: boolean }[];
    };
    expect(result.tenants).toBe(1);
    const expectedDeleted = {
      runSteps: 2,
      runs: 1,
      events: 2,
      incidentOccurrences: 1,
      guardFeedback: 1,
      usageHourly: 1,
      keyUsagePurged: 0,
    };
    expect(result.results).toEqual([{ tenantId: A, deleted: expectedDeleted, complete: true }]);

    // A: the old finished run and its steps, the old delivered events (one counted usage record), the old occurrence,
    // the old feedback, the old hourly roll-up are gone.
    expect(await exists("runs", seededA.runs.old)).toBe(false);
    expect(await db.ownerSql("select 1 from run_steps where run_id = $1", [seededA.runs.old])).toEqual([]);
    expect(await exists("events", seededA.events.oldDelivered!)).toBe(false);
    expect(await exists("events", seededA.events.oldCountedUsage!)).toBe(false);
    expect(await exists("incident_activity", seededA.activity.oldOccurrence)).toBe(false);
    expect(await exists("guard_feedback", seededA.feedback.old)).toBe(false);
    expect(await exists("usage_hourly", seededA.hourly.old)).toBe(false);
    // Kept in A: a run still running, young rows, the event still owed to the engine, the usage record not
    // rolled up yet, the incident and its "opened" entry, the daily roll-up.
    for (const [table, id] of [
      ["runs", seededA.runs.oldRunning],
      ["runs", seededA.runs.young],
      ["events", seededA.events.oldUndelivered!],
      ["events", seededA.events.oldUncountedUsage!],
      ["events", seededA.events.youngDelivered!],
      ["incidents", seededA.incidentId],
      ["incident_activity", seededA.activity.opened],
      ["incident_activity", seededA.activity.youngOccurrence],
      ["guard_feedback", seededA.feedback.young],
      ["usage_hourly", seededA.hourly.young],
    ] as const) {
      expect(await exists(table, id), `${table} ${id}`).toBe(true);
    }
    expect(await db.ownerSql("select count(*)::int as n from usage_daily where tenant_id = $1", [A])).toEqual([{ n: 1 }]);
    // The counted-runs ledger too: without it a replayed copy of an expired run's usage would count again.
    expect(await db.ownerSql("select count(*)::int as n from usage_counted where tenant_id = $1", [A])).toEqual([{ n: 1 }]);

    // B (Pro, 365 days) keeps every one of its 40-day-old rows.
    for (const [table, id] of [
      ["runs", seededB.runs.old],
      ["events", seededB.events.oldDelivered!],
      ["incident_activity", seededB.activity.oldOccurrence],
      ["guard_feedback", seededB.feedback.old],
      ["usage_hourly", seededB.hourly.old],
    ] as const) {
      expect(await exists(table, id), `B's ${table}`).toBe(true);
    }

    // The audit log: A's earlier rows untouched, one retention.purged row appended by the job; B's unchanged.
    const afterA = await auditOf(A);
    expect(afterA.slice(0, auditA.length)).toEqual(auditA);
    expect(afterA.slice(auditA.length)).toEqual([
      expect.objectContaining({
        action: "retention.purged",
        actor_type: "system",
        actor_id: "retention-purge",
        diff: { retentionDays: 30, cutoff: expect.any(String), deleted: expectedDeleted, complete: true },
      }),
    ]);
    expect(await auditOf(B)).toEqual(auditB);
    // The platform path said why: one row to find the due tenants, one for A's purge.
    const platformAfter = await db.ownerSql("select reason from platform_audit_log order by at desc limit 2");
    expect(platformAfter.map((r) => r.reason).sort()).toEqual(
      ["retention purge: find tenants with data past their plan's retention", `retention purge of tenant ${A}: 30 days`].sort(),
    );
    expect(await db.ownerSql("select count(*)::int as n from platform_audit_log")).toEqual([{ n: Number(platformBefore[0]!.n) + 2 }]);

    // Run again: nothing is due, nothing is written.
    const again = (await runOnce(retentionPurge, [{ name: "inngest/scheduled.timer", data: { cron: "17 * * * *" } }])) as {
      tenants: number;
    };
    expect(again.tenants).toBe(0);
    expect(await auditOf(A)).toEqual(afterA);
  });

  it("works a backlog off in bounded batches, saying when it is not complete", async () => {
    const [agent] = await db.ownerSql("select agent_id from runs where id = $1", [seededB.runs.old]);
    await db.ownerSql(
      `insert into runs (tenant_id, agent_id, agent_version, status, input, actor_type, created_at)
       select $1, $2, 1, 'completed', 'x', 'system', now() - interval '400 days' from generate_series(1, 5)`,
      [B, agent!.agent_id],
    );
    const target = { tenantId: B, retentionDays: 365, cutoff: daysAgo(365).toISOString() };
    const meta = { requestId: "test-backlog", ip: null, userAgent: null };
    const purge = () =>
      db.scopes.withPlatform("test: bounded purge", { type: "system", id: "test" }, (tx) =>
        purgeTenant(tx, target, meta, { batch: 2, batches: 2 }),
      );
    const first = await purge();
    expect(first).toMatchObject({ complete: false, deleted: { runs: 4 } });
    const second = await purge();
    expect(second).toMatchObject({ complete: true, deleted: { runs: 1 } });
    // B's 40-day-old rows are within its 365 days: still there.
    expect(await exists("runs", seededB.runs.old)).toBe(true);
    const purged = await db.ownerSql("select diff from audit_log where tenant_id = $1 and action = 'retention.purged' order by seq", [B]);
    expect(purged.map((r) => (r.diff as { complete: boolean; deleted: { runs: number } }).deleted.runs)).toEqual([4, 1]);
  });

  it("reads the tenant's effective retention: a platform override shorter than its plan's purges what the plan kept", async () => {
    // B is on Pro (365 days): its 40-day-old run survived every purge above. An operator overrides its retention to 30 days.
    expect(await exists("runs", seededB.runs.old)).toBe(true);
    await db.ownerSql(`update tenants set limit_overrides = '{"retentionDays": 30}'::jsonb where id = $1`, [B]);
    const result = (await runOnce(retentionPurge, [{ name: "inngest/scheduled.timer", data: { cron: "17 * * * *" } }])) as {
      results: { tenantId: string; deleted: Record<string, number> }[];
    };
    expect(result.results.map((r) => r.tenantId)).toEqual([B]);
    expect(result.results[0]!.deleted.runs).toBe(1);
    expect(await exists("runs", seededB.runs.old)).toBe(false);
    expect(await exists("runs", seededB.runs.young)).toBe(true);
    const [purged] = await db.ownerSql(
      "select diff from audit_log where tenant_id = $1 and action = 'retention.purged' order by seq desc limit 1",
      [B],
    );
    expect(purged!.diff).toMatchObject({ retentionDays: 30 });
    await db.ownerSql("update tenants set limit_overrides = '{}'::jsonb where id = $1", [B]);
  });
});
