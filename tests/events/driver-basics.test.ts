import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";

const client = new Inngest({ id: "drv" });
const calls: Record<string, number> = {};
const bump = (k: string) => (calls[k] = (calls[k] ?? 0) + 1);

const twoSteps = client.createFunction({ id: "two-steps", triggers: [{ event: "test/two" }] }, async ({ event, step }) => {
  const a = await step.run("a", () => (bump(`a:${event.data.n}`), (event.data.n as number) * 2));
  const b = await step.run("b", () => (bump(`b:${event.data.n}`), a + 1));
  return { a, b };
});

const sleeper = client.createFunction({ id: "sleeper", triggers: [{ event: "test/sleep" }] }, async ({ step }) => {
  await step.sleep("nap", "1h");
  return await step.run("after", () => (bump("after-sleep"), "woke"));
});

describe("the in-process driver", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine({ client, functions: [twoSteps, sleeper] });
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it("runs each step once and completes with the function's return value", async () => {
    await engine.send({ name: "test/two", data: { n: 5 } });
    await engine.drain();
    const [run] = await engine.runsOf("two-steps");
    expect(run?.status).toBe("completed");
    expect(run?.output).toEqual({ a: 10, b: 11 });
    expect(calls["a:5"]).toBe(1);
    expect(calls["b:5"]).toBe(1);
  });

  it("sleeps until the clock passes the due time", async () => {
    await engine.send({ name: "test/sleep", data: {} });
    await engine.drain({ advanceMs: 30 * 60_000 });
    expect((await engine.runsOf("sleeper"))[0]?.status).toBe("sleeping");
    await engine.drain({ advanceMs: 31 * 60_000 });
    const [run] = await engine.runsOf("sleeper");
    expect(run?.status).toBe("completed");
    expect(run?.output).toBe("woke");
    expect(calls["after-sleep"]).toBe(1);
  });
});
