import { Inngest, NonRetriableError, RetryAfterError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";

const client = new Inngest({ id: "drv" });
const attempts: Record<string, number[]> = {};
const failedEvents: unknown[] = [];

function note(key: string, at: number) {
  (attempts[key] ??= []).push(at);
}

let clockNow: () => number = () => 0;

const flaky = client.createFunction({ id: "flaky", triggers: [{ event: "test/flaky" }], retries: 2 }, async ({ event, step }) => {
  return await step.run("call", () => {
    note(`flaky:${event.data.id}`, clockNow());
    if ((attempts[`flaky:${event.data.id}`]?.length ?? 0) <= (event.data.failTimes as number)) throw new Error("upstream down");
    return "ok";
  });
});

const refusing = client.createFunction({ id: "refusing", triggers: [{ event: "test/refuse" }], retries: 5 }, async ({ step }) => {
  await step.run("check", () => {
    note("refusing", clockNow());
    throw new NonRetriableError("bad input, do not retry");
  });
});

const later = client.createFunction({ id: "later", triggers: [{ event: "test/later" }], retries: 1 }, async ({ step }) => {
  return await step.run("limited", () => {
    note("later", clockNow());
    if ((attempts.later?.length ?? 0) === 1) throw new RetryAfterError("rate limited", "2h");
    return "done";
  });
});

const bodyFails = client.createFunction({ id: "body-fails", triggers: [{ event: "test/body" }], retries: 1 }, async () => {
  note("body", clockNow());
  throw new Error("outside any step");
});

const deadLetters = client.createFunction(
  { id: "dead-letters", triggers: [{ event: "inngest/function.failed" }] },
  async ({ event, step }) => {
    await step.run("capture", () => failedEvents.push(event.data));
  },
);

describe("retries and failures in the driver", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine({ client, functions: [flaky, refusing, later, bodyFails, deadLetters] });
    clockNow = engine.now;
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it("retries a failing step with growing delays, then succeeds without a failure event", async () => {
    await engine.send({ id: "flaky-1", name: "test/flaky", data: { id: 1, failTimes: 2 } });
    await engine.drain({ advanceMs: 10 * 60_000 });
    const [run] = await engine.runsOf("flaky");
    expect(run?.status).toBe("completed");
    const times = attempts["flaky:1"]!;
    expect(times).toHaveLength(3);
    const gaps = [times[1]! - times[0]!, times[2]! - times[1]!];
    expect(gaps[0]).toBeGreaterThanOrEqual(800);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);
    expect(failedEvents).toHaveLength(0);
  });

  it("fails after its last attempt and emits inngest/function.failed exactly once, which a function captures", async () => {
    await engine.send({ id: "flaky-2", name: "test/flaky", data: { id: 2, failTimes: 99 } });
    await engine.drain({ advanceMs: 60 * 60_000 });
    const [, run] = await engine.runsOf("flaky");
    expect(run?.status).toBe("failed");
    expect(attempts["flaky:2"]).toHaveLength(3); // retries: 2 → three attempts
    expect(failedEvents).toHaveLength(1);
    expect(failedEvents[0]).toMatchObject({ function_id: "drv-flaky", run_id: run!.id, event: { id: "flaky-2", name: "test/flaky" } });
    expect(JSON.stringify(failedEvents[0])).toContain("upstream down");
    await engine.drain({ advanceMs: 60 * 60_000 });
    expect(await engine.runsOf("dead-letters")).toHaveLength(1);
  });

  it("does not retry a NonRetriableError", async () => {
    await engine.send({ name: "test/refuse", data: {} });
    await engine.drain({ advanceMs: 60 * 60_000 });
    expect((await engine.runsOf("refusing"))[0]?.status).toBe("failed");
    expect(attempts.refusing).toHaveLength(1);
  });

  it("waits as long as a RetryAfterError asks", async () => {
    await engine.send({ name: "test/later", data: {} });
    await engine.drain({ advanceMs: 60 * 60_000 });
    expect((await engine.runsOf("later"))[0]?.status).toBe("queued");
    await engine.drain({ advanceMs: 61 * 60_000 });
    expect((await engine.runsOf("later"))[0]?.status).toBe("completed");
    const [first, second] = attempts.later!;
    expect(second! - first!).toBeGreaterThanOrEqual(2 * 3_600_000);
  });

  it("retries an error thrown outside a step, then fails the run", async () => {
    await engine.send({ name: "test/body", data: {} });
    await engine.drain({ advanceMs: 60 * 60_000 });
    const [run] = await engine.runsOf("body-fails");
    expect(run?.status).toBe("failed");
    expect(attempts.body).toHaveLength(2);
    expect(JSON.stringify(run?.error)).toContain("outside any step");
  });
});
