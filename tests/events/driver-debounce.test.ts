import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";

const client = new Inngest({ id: "deb" });
const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

const debounced = client.createFunction(
  { id: "debounced", triggers: [{ event: "test/typed" }], debounce: { key: "event.data.tenantId", period: "5s", timeout: "12s" } },
  async ({ event }) => event.data.n,
);

/** `debounce` on the engine's fake clock: the last event of a quiet spell starts one run, per key, within the timeout. */
describe("debounce in the driver", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine({ client, functions: [debounced] });
  });
  afterAll(async () => {
    await engine?.stop();
  });

  const outputs = async () => (await engine.runsOf("debounced")).filter((r) => r.status === "completed").map((r) => r.output);

  it("starts one run with the last event once the period passes quietly, one per key", async () => {
    await engine.send([1, 2, 3].map((n) => ({ name: "test/typed", data: { tenantId: A, n } })));
    await engine.send({ name: "test/typed", data: { tenantId: B, n: 10 } });
    await engine.drain({ advanceMs: 4_000 });
    expect(await outputs()).toEqual([]);
    await engine.send({ name: "test/typed", data: { tenantId: A, n: 4 } }); // restarts A's wait
    await engine.drain({ advanceMs: 2_000 });
    expect(await outputs()).toEqual([10]);
    await engine.drain({ advanceMs: 4_000 });
    expect((await outputs()).map(Number).sort((x, y) => x - y)).toEqual([4, 10]);
    expect(await engine.runsOf("debounced")).toHaveLength(2);
  });

  it("starts the run at the timeout even when events keep coming, and a later event waits anew", async () => {
    const before = (await engine.runsOf("debounced")).length;
    for (const n of [21, 22, 23]) {
      await engine.send({ name: "test/typed", data: { tenantId: A, n } });
      await engine.drain({ advanceMs: 4_000 }); // never 5 s quiet
    }
    await engine.drain({ advanceMs: 1_000 }); // 12 s after the first event: the timeout
    const runs = (await engine.runsOf("debounced")).slice(before);
    expect(runs.map((r) => [r.status, r.output])).toEqual([["completed", 23]]);
    await engine.send({ name: "test/typed", data: { tenantId: A, n: 30 } });
    await engine.drain({ advanceMs: 6_000 });
    expect((await engine.runsOf("debounced")).slice(before).map((r) => r.output)).toEqual([23, 30]);
  });
});
