import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admit } from "@/inngest/driver/rate-limits";
import { specOf } from "@/inngest/driver/registry";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";

const client = new Inngest({ id: "thr" });
const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
/** When (on the engine's fake clock) each run's body ran, by tenant. */
const started = new Map<string, number[]>();
let clock: () => number = () => 0;

const throttled = client.createFunction(
  { id: "throttled", triggers: [{ event: "test/throttled" }], throttle: { key: "event.data.tenantId", limit: 2, period: "6s", burst: 1 } },
  async ({ event, step }) => {
    await step.run("start", () => {
      const t = event.data.tenantId as string;
      started.set(t, [...(started.get(t) ?? []), clock()]);
    });
  },
);

const limited = client.createFunction(
  { id: "rate-limited", triggers: [{ event: "test/limited" }], rateLimit: { key: "event.data.tenantId", limit: 2, period: "1m" } },
  async ({ event }) => event.data.n,
);

describe("throttle and rateLimit in the driver", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine({ client, functions: [throttled, limited] });
    clock = () => engine.now();
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it("computes GCRA slots: limit + burst at once, then one every period / limit", () => {
    const rate = { keyPath: null, limit: 2, periodMs: 6_000, burst: 1 };
    let tat = 0;
    const starts = Array.from({ length: 6 }, () => {
      const slot = admit(rate, tat, 1_000_000);
      tat = slot.tat;
      return slot.start - 1_000_000;
    });
    expect(starts).toEqual([0, 0, 0, 3_000, 6_000, 9_000]);
  });

  it("reads throttle, rateLimit and debounce from the synced config; still names what it does not enforce", () => {
    const spec = specOf({
      id: "x",
      triggers: [],
      throttle: { limit: 10, period: "1m", burst: 5, key: "event.data.tenantId" },
      rateLimit: { limit: 1, period: "4h" },
      debounce: { period: "5s" },
      idempotency: "event.data.id",
    });
    expect(spec.throttle).toEqual({ keyPath: ["event", "data", "tenantId"], limit: 10, periodMs: 60_000, burst: 5 });
    expect(spec.rateLimit).toEqual({ keyPath: null, limit: 1, periodMs: 4 * 3_600_000, burst: 0 });
    expect(spec.debounce).toEqual({ keyPath: null, periodMs: 5_000, timeoutMs: null });
    expect(spec.ignored).toEqual(["idempotency"]);
    expect(() => specOf({ id: "y", triggers: [], throttle: { limit: 1, period: "soon" } })).toThrow(/throttle.period/);
  });

  it("starts runs over the limit later — none dropped — per key, on the virtual clock", async () => {
    const t0 = engine.now();
    await engine.send([
      ...Array.from({ length: 6 }, () => ({ name: "test/throttled", data: { tenantId: A } })),
      { name: "test/throttled", data: { tenantId: B } },
    ]);
    await engine.drain();
    // limit 2 + burst 1 start at once; the other tenant's key has its own budget.
    expect(started.get(A)).toHaveLength(3);
    expect(started.get(B)).toHaveLength(1);
    expect((await engine.runsOf("throttled")).filter((r) => r.status === "queued")).toHaveLength(3);

    await engine.drain({ advanceMs: 3_000 });
    expect(started.get(A)).toHaveLength(4);
    await engine.drain({ advanceMs: 6_000 });
    const a = started.get(A)!;
    expect(a).toHaveLength(6);
    // One every 3 s after the burst (period / limit), never earlier than its slot.
    a.slice(3).forEach((t, i) => expect(t - t0).toBeGreaterThanOrEqual(3_000 * (i + 1)));
    expect((await engine.runsOf("throttled")).every((r) => r.status === "completed")).toBe(true);
  });

  it("remembers the throttle across deliveries: a run arriving just after a burst waits for its slot", async () => {
    started.clear();
    await engine.drain({ advanceMs: 60_000 }); // a quiet spell refills the burst
    await engine.send(Array.from({ length: 3 }, () => ({ name: "test/throttled", data: { tenantId: B } })));
    await engine.drain();
    await engine.send({ name: "test/throttled", data: { tenantId: B } });
    await engine.drain({ advanceMs: 1_000 });
    expect(started.get(B)).toHaveLength(3);
    await engine.drain({ advanceMs: 2_500 });
    expect(started.get(B)).toHaveLength(4);
  });

  it("drops runs over a rateLimit (the event is still delivered) and allows more as the period passes", async () => {
    await engine.send([1, 2, 3, 4, 5].map((n) => ({ name: "test/limited", data: { tenantId: A, n } })));
    await engine.send({ name: "test/limited", data: { tenantId: B, n: 9 } });
    await engine.drain();
    expect((await engine.runsOf("rate-limited")).map((r) => r.output).sort()).toEqual([1, 2, 9]);
    // One more every 30 s (period / limit).
    await engine.drain({ advanceMs: 31_000 });
    await engine.send([6, 7].map((n) => ({ name: "test/limited", data: { tenantId: A, n } })));
    await engine.drain();
    expect((await engine.runsOf("rate-limited")).map((r) => r.output).sort()).toEqual([1, 2, 6, 9]);
  });

  it("keeps rate state out of the cron schedule: nothing phantom falls due", async () => {
    const rows = await engine.db.ownerSql(`select function_id, kind from engine_rate_state`);
    expect(rows.length).toBeGreaterThan(0);
    expect(await engine.db.ownerSql(`select 1 from engine_crons where function_id like 'flow:%'`)).toHaveLength(0);
    await engine.drain({ advanceMs: 120_000 });
    expect(await engine.driver.nextDueAt()).toBeNull();
  });
});
