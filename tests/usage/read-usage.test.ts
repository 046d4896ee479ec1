import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usageRollup } from "@/inngest/functions/usage-rollup";
import { readUsage, splitPeriod } from "@/server/usage/read-usage";
import type { TestDatabase } from "../support/databases";
import { backdateEvents, closeUsageDatabase, openUsageDatabase, recordUsage, runOnce, twoTenants } from "./support";

/**
 * read-usage = roll-ups + the tail not rolled up yet, exactly: every run in the period counted
 * once, whether its batch has been folded in or not, and nothing outside the period.
 */

describe("readUsage (server/usage/read-usage.ts)", () => {
  let db: TestDatabase;
  let A: string;
  let B: string;

  beforeAll(async () => {
    db = await openUsageDatabase();
    ({ A, B } = await twoTenants(db));
  });
  afterAll(async () => {
    await closeUsageDatabase(db);
  });

  const read = (tenantId: string, from: string, to: string) =>
    db.scopes.withTenant(tenantId, (tx) => readUsage({ tx, tenant: { id: tenantId } }, { from: new Date(from), to: new Date(to) }));

  it("splits a period into whole days and the hours at either end", () => {
    const ms = (s: string) => new Date(s).getTime();
    expect(splitPeriod(new Date("2026-01-01T05:00Z"), new Date("2026-01-03T07:00Z"))).toEqual({
      days: [ms("2026-01-02T00:00Z"), ms("2026-01-03T00:00Z")],
      hours: [
        [ms("2026-01-01T05:00Z"), ms("2026-01-02T00:00Z")],
        [ms("2026-01-03T00:00Z"), ms("2026-01-03T07:00Z")],
      ],
    });
    expect(splitPeriod(new Date("2026-01-01T05:00Z"), new Date("2026-01-01T09:00Z"))).toEqual({
      days: null,
      hours: [[ms("2026-01-01T05:00Z"), ms("2026-01-01T09:00Z")]],
    });
    expect(splitPeriod(new Date("2026-01-01T00:00Z"), new Date("2026-02-01T00:00Z"))).toEqual({
      days: [ms("2026-01-01T00:00Z"), ms("2026-02-01T00:00Z")],
      hours: [],
    });
  });

  it("adds the rolled-up figures and the not-yet-rolled tail, each run once, within the period only", async () => {
    const agent = randomUUID();
    const at = (iso: string) => new Date(iso);
    // Rolled up: two runs on 10 May (one at 23:30, one at 02:00), one on 11 May at 12:00.
    const rolled = await recordUsage(db, A, [
      { agentId: agent, inputTokens: 100, outputTokens: 10, costMicros: 1 },
      { agentId: agent, inputTokens: 200, outputTokens: 20, costMicros: 2 },
      { agentId: agent, inputTokens: 400, outputTokens: 40, costMicros: 4 },
    ]);
    await backdateEvents(db, [rolled[0]!.id], at("2026-05-10T23:30:00Z"));
    await backdateEvents(db, [rolled[1]!.id], at("2026-05-10T02:00:00Z"));
    await backdateEvents(db, [rolled[2]!.id], at("2026-05-11T12:00:00Z"));
    await runOnce(usageRollup, rolled);
    // The tail: one run on 11 May not rolled up yet, present twice (original and a replayed copy),
    // and a replayed copy of a rolled-up run, which must not count again.
    const runId = randomUUID();
    const [pending] = await recordUsage(db, A, [{ runId, agentId: agent, inputTokens: 8, outputTokens: 1, costMicros: 8 }]);
    const [pendingCopy] = await recordUsage(db, A, [{ runId, agentId: agent, inputTokens: 8, outputTokens: 1, costMicros: 8 }], {
      replayOf: pending!.id,
    });
    const rolledRun = (rolled[2]!.data.payload as { runId: string }).runId;
    const [rolledCopy] = await recordUsage(
      db,
      A,
      [{ runId: rolledRun, agentId: agent, inputTokens: 400, outputTokens: 40, costMicros: 4 }],
      {
        replayOf: rolled[2]!.id,
      },
    );
    await backdateEvents(db, [pending!.id, pendingCopy!.id, rolledCopy!.id], at("2026-05-11T13:20:00Z"));
    // Outside every period below, and another tenant's usage in the same hours.
    const [outside] = await recordUsage(db, A, [{ agentId: agent, inputTokens: 9999, outputTokens: 9999 }]);
    await backdateEvents(db, [outside!.id], at("2026-05-12T00:00:00Z"));
    const [ofB] = await recordUsage(db, B, [{ agentId: agent, inputTokens: 5000, outputTokens: 500 }]);
    await backdateEvents(db, [ofB!.id], at("2026-05-11T12:30:00Z"));

    // 10 May 01:00 → 12 May 00:00: whole day 11 May from the daily roll-up, 10 May's hours from the hourly one.
    const usage = await read(A, "2026-05-10T01:00:00Z", "2026-05-12T00:00:00Z");
    expect(usage.totals).toEqual({ runs: 4, inputTokens: 708, outputTokens: 71, modelCalls: 4, toolCalls: 0, costMicros: 15 });
    expect(usage.pendingRuns).toBe(1);
    expect(usage.lines).toEqual([{ agentId: agent, provider: "openai", model: "gpt-4o-mini", ...usage.totals }]);

    // Hour edges: [02:00, 23:00) on 10 May holds the 02:00 run only; [23:00, 13:00 next day) the other two rolled.
    expect((await read(A, "2026-05-10T02:00:00Z", "2026-05-10T23:00:00Z")).totals.inputTokens).toBe(200);
    const edge = await read(A, "2026-05-10T23:00:00Z", "2026-05-11T13:00:00Z");
    expect(edge.totals).toMatchObject({ runs: 2, inputTokens: 500 });
    expect(edge.pendingRuns).toBe(0);
    // Once the tail is rolled up, the same period reads the same figures, now all from the roll-ups.
    await runOnce(usageRollup, [pending!, pendingCopy!]);
    const after = await read(A, "2026-05-10T01:00:00Z", "2026-05-12T00:00:00Z");
    expect(after.totals).toEqual(usage.totals);
    expect(after.pendingRuns).toBe(0);
    // Tenant B sees only its own run.
    expect((await read(B, "2026-05-10T00:00:00Z", "2026-05-12T00:00:00Z")).totals).toMatchObject({ runs: 1, inputTokens: 5000 });
  });

  it("refuses a period that is not whole hours, or is empty", async () => {
    await expect(read(A, "2026-05-10T01:30:00Z", "2026-05-11T00:00:00Z")).rejects.toThrow(/whole UTC hours/);
    await expect(read(A, "2026-05-10T01:00:00Z", "2026-05-10T01:00:00Z")).rejects.toThrow(/ends after it starts/);
  });
});
