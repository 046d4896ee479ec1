import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usageRollup } from "@/inngest/functions/usage-rollup";
import type { TestDatabase } from "../support/databases";
import { backdateEvents, closeUsageDatabase, openUsageDatabase, recordUsage, runOnce, twoTenants } from "./support";

/**
 * The usage roll-up function (batched on `usage.recorded`), run by @inngest/test against a real
 * database: a batch becomes hourly and daily rows; a run is counted once however often its usage
 * arrives (redelivered batch, the same event twice in a batch, a replayed copy); tenants never mix.
 */

type RollupRow = {
  tenant_id: string;
  bucket_start: Date;
  agent_id: string;
  provider: string;
  model: string;
  runs: string;
  input_tokens: string;
  output_tokens: string;
  model_calls: string;
  tool_calls: string;
  cost_micros: string;
};

describe("usage roll-up (inngest/functions/usage-rollup.ts)", () => {
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

  const rows = async (table: "usage_hourly" | "usage_daily", tenantId: string) =>
    (await db.ownerSql(`select * from ${table} where tenant_id = $1 order by bucket_start, agent_id, provider, model`, [
      tenantId,
    ])) as RollupRow[];
  const figures = (r: RollupRow) => ({
    runs: Number(r.runs),
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    modelCalls: Number(r.model_calls),
    toolCalls: Number(r.tool_calls),
    costMicros: Number(r.cost_micros),
  });

  it("declares the batch, its per-tenant key and per-tenant concurrency", () => {
    const config = usageRollup["opts"] as { batchEvents?: unknown; concurrency?: unknown };
    expect(config.batchEvents).toEqual({ maxSize: 100, timeout: "5s", key: "event.data.tenantId" });
    expect(config.concurrency).toEqual({ key: "event.data.tenantId", limit: 1 });
  });

  it("folds a batch into hourly and daily rows per agent, provider and model, bucketed by the stored time", async () => {
    const agent1 = randomUUID();
    const agent2 = randomUUID();
    const batch = await recordUsage(db, A, [
      { agentId: agent1, inputTokens: 100, outputTokens: 10, modelCalls: 2, toolCalls: 1, costMicros: 50 },
      { agentId: agent1, inputTokens: 200, outputTokens: 20, modelCalls: 1, toolCalls: 0, costMicros: 70 },
      { agentId: agent1, inputTokens: 5, outputTokens: 0, provider: null, model: null, modelCalls: 0 },
      { agentId: agent2, inputTokens: 1, outputTokens: 2, costMicros: 3 },
    ]);
    // The first three at the very end of 10:00-11:00 UTC, the fourth at 11:00 sharp: two hours, one day.
    await backdateEvents(db, [batch[0]!.id, batch[1]!.id, batch[2]!.id], new Date("2026-03-04T10:59:59.999Z"));
    await backdateEvents(db, [batch[3]!.id], new Date("2026-03-04T11:00:00.000Z"));

    const result = await runOnce(usageRollup, batch);
    expect(result).toEqual([{ tenantId: A, counted: 4, duplicates: 0, ignored: 0 }]);

    const hourly = await rows("usage_hourly", A);
    expect(hourly.map((r) => [r.bucket_start.toISOString(), r.agent_id, r.provider, r.model, figures(r)])).toEqual(
      [
        [
          "2026-03-04T10:00:00.000Z",
          agent1,
          "",
          "",
          { runs: 1, inputTokens: 5, outputTokens: 0, modelCalls: 0, toolCalls: 0, costMicros: 0 },
        ],
        [
          "2026-03-04T10:00:00.000Z",
          agent1,
          "openai",
          "gpt-4o-mini",
          { runs: 2, inputTokens: 300, outputTokens: 30, modelCalls: 3, toolCalls: 1, costMicros: 120 },
        ],
        [
          "2026-03-04T11:00:00.000Z",
          agent2,
          "openai",
          "gpt-4o-mini",
          { runs: 1, inputTokens: 1, outputTokens: 2, modelCalls: 1, toolCalls: 0, costMicros: 3 },
        ],
      ].sort((x, y) => `${x[0]}${x[1]}${x[2]}`.localeCompare(`${y[0]}${y[1]}${y[2]}`)),
    );
    const daily = await rows("usage_daily", A);
    const day = daily.filter((r) => r.bucket_start.toISOString() === "2026-03-04T00:00:00.000Z");
    expect(day.map((r) => [r.agent_id, r.model, figures(r).runs, figures(r).inputTokens]).sort()).toEqual(
      [
        [agent1, "", 1, 5],
        [agent1, "gpt-4o-mini", 2, 300],
        [agent2, "gpt-4o-mini", 1, 1],
      ].sort(),
    );
  });

  it("counts a run once: a redelivered batch, the same event twice in a batch and a replayed copy add nothing", async () => {
    const agent = randomUUID();
    const runId = randomUUID();
    const [original] = await recordUsage(db, A, [{ runId, agentId: agent, inputTokens: 40, outputTokens: 4, costMicros: 9 }]);
    await backdateEvents(db, [original!.id], new Date("2026-03-05T08:15:00Z"));
    expect(await runOnce(usageRollup, [original!, original!])).toEqual([{ tenantId: A, counted: 1, duplicates: 0, ignored: 0 }]);
    // Inngest redelivers the same batch (a retried run): nothing more.
    expect(await runOnce(usageRollup, [original!])).toEqual([{ tenantId: A, counted: 0, duplicates: 1, ignored: 0 }]);
    // A replay writes a copy with a new event id and the same run.
    const [copy] = await recordUsage(db, A, [{ runId, agentId: agent, inputTokens: 40, outputTokens: 4, costMicros: 9 }], {
      replayOf: original!.id,
    });
    expect(copy!.id).not.toBe(original!.id);
    expect(await runOnce(usageRollup, [copy!])).toEqual([{ tenantId: A, counted: 0, duplicates: 1, ignored: 0 }]);

    const hourly = (await rows("usage_hourly", A)).filter((r) => r.agent_id === agent);
    expect(hourly.map(figures)).toEqual([{ runs: 1, inputTokens: 40, outputTokens: 4, modelCalls: 1, toolCalls: 0, costMicros: 9 }]);
    const daily = (await rows("usage_daily", A)).filter((r) => r.agent_id === agent);
    expect(daily.map(figures)).toEqual([{ runs: 1, inputTokens: 40, outputTokens: 4, modelCalls: 1, toolCalls: 0, costMicros: 9 }]);
    const counted = await db.ownerSql("select event_id from usage_counted where run_id = $1", [runId]);
    expect(counted).toEqual([{ event_id: original!.id }]);
  });

  it("never mixes tenants: each tenant's events go to its own rows, and another tenant's event id is ignored", async () => {
    const agent = randomUUID();
    const [ofA] = await recordUsage(db, A, [{ agentId: agent, inputTokens: 7, outputTokens: 1 }]);
    const [ofB] = await recordUsage(db, B, [{ agentId: agent, inputTokens: 1000, outputTokens: 100 }]);
    // A forged event that claims tenant A but carries B's outbox id: A's scope cannot see it.
    const forged = { ...ofB!, data: { ...ofB!.data, tenantId: A } };
    const result = (await runOnce(usageRollup, [ofA!, ofB!, forged])) as { tenantId: string }[];
    expect(result.sort((x, y) => x.tenantId.localeCompare(y.tenantId))).toEqual(
      [
        { tenantId: A, counted: 1, duplicates: 0, ignored: 1 },
        { tenantId: B, counted: 1, duplicates: 0, ignored: 0 },
      ].sort((x, y) => x.tenantId.localeCompare(y.tenantId)),
    );
    const ofAgentIn = async (tenantId: string) => (await rows("usage_hourly", tenantId)).filter((r) => r.agent_id === agent).map(figures);
    expect(await ofAgentIn(A)).toEqual([{ runs: 1, inputTokens: 7, outputTokens: 1, modelCalls: 1, toolCalls: 0, costMicros: 0 }]);
    expect(await ofAgentIn(B)).toEqual([{ runs: 1, inputTokens: 1000, outputTokens: 100, modelCalls: 1, toolCalls: 0, costMicros: 0 }]);
  });

  it("still rolls up a suspended organisation's usage (its last runs are billed)", async () => {
    const { A: S } = await twoTenants(db);
    const [event] = await recordUsage(db, S, [{ agentId: randomUUID(), inputTokens: 3, outputTokens: 2 }]);
    await db.ownerSql("update tenants set status = 'suspended' where id = $1", [S]);
    expect(await runOnce(usageRollup, [event!])).toEqual([{ tenantId: S, counted: 1, duplicates: 0, ignored: 0 }]);
    expect((await rows("usage_daily", S)).map(figures)).toEqual([
      { runs: 1, inputTokens: 3, outputTokens: 2, modelCalls: 1, toolCalls: 0, costMicros: 0 },
    ]);
  });
});
