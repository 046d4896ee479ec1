import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimRuns } from "@/inngest/driver/store";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";

const client = new Inngest({ id: "drv" });
const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const inflight = new Map<string, number>();
const peak = new Map<string, number>();
const bodies: string[] = [];

/** Lets other runs' calls interleave with this one (no timer: a few turns of the event loop). */
const yieldTurns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

const limited = client.createFunction(
  { id: "limited", triggers: [{ event: "test/work" }], concurrency: { key: "event.data.tenantId", limit: 2 } },
  async ({ event, step }) => {
    await step.run("work", async () => {
      const t = event.data.tenantId as string;
      inflight.set(t, (inflight.get(t) ?? 0) + 1);
      peak.set(t, Math.max(peak.get(t) ?? 0, inflight.get(t)!));
      await yieldTurns(20);
      inflight.set(t, inflight.get(t)! - 1);
    });
  },
);

const fanOut = client.createFunction({ id: "fan-out", triggers: [{ event: "test/fan" }] }, async ({ step }) => {
  const [a, b, c] = await Promise.all([
    step.run("left", () => (bodies.push("left"), 1)),
    step.run("middle", () => (bodies.push("middle"), 2)),
    step.run("right", () => (bodies.push("right"), 3)),
  ]);
  return await step.run("sum", () => (bodies.push("sum"), a + b + c));
});

const batched = client.createFunction(
  { id: "batched", triggers: [{ event: "test/usage" }], batchEvents: { maxSize: 3, timeout: "5s" } },
  async ({ events }) => events.map((e) => e.data.n as number),
);

describe("flow control in the driver", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine({ client, functions: [limited, fanOut, batched] });
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it("never leases more runs of one concurrency key than its limit, and still leases another key's run", async () => {
    await engine.send([
      ...Array.from({ length: 6 }, () => ({ name: "test/work", data: { tenantId: A } })),
      { name: "test/work", data: { tenantId: B } },
    ]);
    const taken = await engine.db.scopes.withEngine((tx) => claimRuns(tx, { now: engine.now(), owner: "probe", leaseMs: 1_000, max: 10 }));
    const keys = taken.map((r) => (r.events[0]!.data as { tenantId: string }).tenantId);
    expect(keys.filter((k) => k === A)).toHaveLength(2);
    expect(keys.filter((k) => k === B)).toHaveLength(1);
    await engine.drain({ advanceMs: 2_000 });
    expect((await engine.runsOf("limited")).every((r) => r.status === "completed")).toBe(true);
    expect(peak.get(A)).toBeLessThanOrEqual(2);
  });

  it("runs parallel steps (Promise.all) each once, then continues", async () => {
    await engine.send({ name: "test/fan", data: {} });
    await engine.drain();
    const [run] = await engine.runsOf("fan-out");
    expect(run?.status).toBe("completed");
    expect(run?.output).toBe(6);
    expect([...bodies].sort()).toEqual(["left", "middle", "right", "sum"]);
  });

  it("batches events: a full batch at once, the rest when the timeout passes", async () => {
    await engine.send([1, 2, 3, 4].map((n) => ({ name: "test/usage", data: { n } })));
    await engine.drain();
    expect((await engine.runsOf("batched")).map((r) => r.output)).toEqual([[1, 2, 3]]);
    await engine.drain({ advanceMs: 6_000 });
    expect((await engine.runsOf("batched")).map((r) => r.output)).toEqual([[1, 2, 3], [4]]);
  });
});
