import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usageRollup } from "@/inngest/functions/usage-rollup";
import { addMember, callerFor } from "../support/callers";
import type { TestDatabase } from "../support/databases";
import { backdateEvents, closeUsageDatabase, openUsageDatabase, recordUsage, runOnce, twoTenants } from "./support";

/**
 * usage.read (GET /api/v1/usage): whole UTC days, totals and lines by day, agent or model, from the
 * roll-ups plus the tail; validated ranges; a key sees its own organisation's usage only.
 */

describe("usage.read (server/usage/usage-report.ts)", () => {
  let db: TestDatabase;
  let seeded: Awaited<ReturnType<typeof twoTenants>>;
  let keyA: string;
  let keyB: string;
  const agentA = randomUUID();
  const agentB = randomUUID();

  beforeAll(async () => {
    db = await openUsageDatabase();
    seeded = await twoTenants(db);
    const { A, B } = seeded;
    await db.ownerSql(
      `insert into agents (id, tenant_id, name, canary, archived_at) values ($1, $2, '客服助手', 'c1', now()), ($3, $4, 'B', 'c2', null)`,
      [agentA, A, agentB, B],
    );
    const rolled = await recordUsage(db, A, [
      { agentId: agentA, inputTokens: 100, outputTokens: 10, costMicros: 1_000, model: "gpt-4o-mini" },
      { agentId: agentA, inputTokens: 300, outputTokens: 30, costMicros: 5_000, model: "gpt-4o" },
    ]);
    await backdateEvents(db, [rolled[0]!.id], new Date("2025-03-01T05:00:00Z"));
    await backdateEvents(db, [rolled[1]!.id], new Date("2025-03-03T22:00:00Z"));
    await runOnce(usageRollup, rolled);
    const [tail] = await recordUsage(db, A, [{ agentId: agentA, inputTokens: 7, outputTokens: 3, costMicros: 40, model: "gpt-4o" }]);
    await backdateEvents(db, [tail!.id], new Date("2025-03-03T23:59:59Z"));
    const ofB = await recordUsage(db, B, [{ agentId: agentB, inputTokens: 50_000, outputTokens: 1, costMicros: 999_999 }]);
    await backdateEvents(db, [ofB[0]!.id], new Date("2025-03-02T12:00:00Z"));
    keyA = (await seeded.a.as(seeded.a.owner).apiKeys.create({ name: "usage", scopes: ["usage:read"] })).secret;
    keyB = (await seeded.b.as(seeded.b.owner).apiKeys.create({ name: "usage", scopes: ["usage:read"] })).secret;
  });
  afterAll(async () => {
    await closeUsageDatabase(db);
  });

  const asKey = (key: string) => callerFor(db, { apiKey: key }).usage;

  it("reports by day: every day of the range, the last day included, the tail on its day", async () => {
    const r = await asKey(keyA).read({ from: "2025-03-01", to: "2025-03-04", groupBy: "day" });
    expect(r.totals).toEqual({ runs: 3, inputTokens: 407, outputTokens: 43, modelCalls: 3, toolCalls: 0, costMicros: 6_040 });
    expect(r.lines.map((l) => [l.day, l.runs, l.costMicros])).toEqual([
      ["2025-03-01", 1, 1_000],
      ["2025-03-02", 0, 0],
      ["2025-03-03", 2, 5_040],
      ["2025-03-04", 0, 0],
    ]);
    // One day alone.
    const one = await asKey(keyA).read({ from: "2025-03-03", to: "2025-03-03" });
    expect(one).toMatchObject({ groupBy: "day", totals: { runs: 2, inputTokens: 307 } });
  });

  it("reports by agent (named, archived too) and by model", async () => {
    const byAgent = await asKey(keyA).read({ from: "2025-03-01", to: "2025-03-31", groupBy: "agent" });
    expect(byAgent.lines).toEqual([
      {
        agentId: agentA,
        agentName: "客服助手",
        runs: 3,
        inputTokens: 407,
        outputTokens: 43,
        modelCalls: 3,
        toolCalls: 0,
        costMicros: 6_040,
      },
    ]);
    const byModel = await asKey(keyA).read({ from: "2025-03-01", to: "2025-03-31", groupBy: "model" });
    expect(byModel.lines.map((l) => [l.provider, l.model, l.runs, l.costMicros])).toEqual([
      ["openai", "gpt-4o", 2, 5_040],
      ["openai", "gpt-4o-mini", 1, 1_000],
    ]);
  });

  it("never shows another tenant's usage", async () => {
    const b = await asKey(keyB).read({ from: "2025-03-01", to: "2025-03-31", groupBy: "agent" });
    expect(b.totals).toMatchObject({ runs: 1, inputTokens: 50_000, costMicros: 999_999 });
    expect(b.lines.map((l) => l.agentId)).toEqual([agentB]);
    const a = await asKey(keyA).read({ from: "2025-03-02", to: "2025-03-02" });
    expect(a.totals.runs).toBe(0);
  });

  it("refuses malformed, reversed, out-of-range and too-long ranges with the field named", async () => {
    const read = asKey(keyA).read;
    const fields = async (promise: Promise<unknown>) => {
      const error = await promise.then(
        () => null,
        (e: { code?: string; cause?: { code?: string; details?: { fields?: Record<string, string> } } }) => e,
      );
      expect(error?.code).toBe("BAD_REQUEST");
      return error;
    };
    await fields(read({ from: "2025-3-1" }));
    await fields(read({ from: "1999-12-31", to: "2000-01-02" }));
    await fields(read({ from: "2025-02-30" }));
    const reversed = await fields(read({ from: "2025-03-05", to: "2025-03-04" }));
    expect(reversed?.cause).toMatchObject({ code: "usage_range_reversed", details: { fields: { to: expect.any(String) } } });
    const long = await fields(read({ from: "2024-01-01", to: "2025-01-01" }));
    expect(long?.cause).toMatchObject({ code: "usage_range_too_long" });
    // 366 days exactly is allowed.
    expect((await read({ from: "2024-01-01", to: "2024-12-31" })).lines).toHaveLength(366);
  });

  it("is for developers and up: a viewer is refused, a developer reads", async () => {
    const developer = await addMember(db, seeded.a, "developer");
    const viewer = await addMember(db, seeded.a, "viewer");
    expect((await seeded.a.as(developer).usage.read({ from: "2025-03-01", to: "2025-03-01" })).totals.runs).toBe(1);
    await expect(seeded.a.as(viewer).usage.read({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const noScope = (await seeded.a.as(seeded.a.owner).apiKeys.create({ name: "other", scopes: ["agent:read"] })).secret;
    await expect(asKey(noScope).read({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
