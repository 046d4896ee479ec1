import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";

const client = new Inngest({ id: "drv" });
const T1 = "11111111-1111-4111-8111-111111111111";
const T2 = "22222222-2222-4222-8222-222222222222";
const effects: string[] = [];

const approval = client.createFunction({ id: "approval", triggers: [{ event: "test/approval.requested" }] }, async ({ event, step }) => {
  const decision = await step.waitForEvent("decision", { event: "test/approval.decided", match: "data.requestId", timeout: "1h" });
  return await step.run("finish", () => {
    effects.push(`finish:${event.data.requestId}`);
    return decision ? decision.data.verdict : "timed-out";
  });
});

const guarded = client.createFunction({ id: "guarded", triggers: [{ event: "test/guarded" }] }, async ({ step }) => {
  const hit = await step.waitForEvent("approve", {
    event: "test/signal",
    if: "async.data.kind == 'go' && async.data.level == 'high'",
    timeout: "10m",
  });
  return hit?.data.kind ?? null;
});

const cancellable = client.createFunction(
  { id: "cancellable", triggers: [{ event: "test/job.started" }], cancelOn: [{ event: "test/job.cancelled", match: "data.jobId" }] },
  async ({ event, step }) => {
    await step.run("first", () => effects.push(`first:${event.data.jobId}`));
    await step.sleep("pause", "30m");
    await step.run("second", () => effects.push(`second:${event.data.jobId}`));
  },
);

describe("waits and cancellation in the driver", () => {
  let engine: TestEngine;
  beforeAll(async () => {
    engine = await startTestEngine({ client, functions: [approval, guarded, cancellable] });
  });
  afterAll(async () => {
    await engine?.stop();
  });

  it("wakes a waitForEvent on the matching event only, with that event as its result", async () => {
    await engine.send([
      { name: "test/approval.requested", data: { tenantId: T1, requestId: "r1" } },
      { name: "test/approval.requested", data: { tenantId: T1, requestId: "r2" } },
    ]);
    await engine.drain();
    expect((await engine.runsOf("approval")).map((r) => r.status)).toEqual(["waiting", "waiting"]);
    await engine.send({ name: "test/approval.decided", data: { tenantId: T1, requestId: "r2", verdict: "approved" } });
    await engine.drain();
    const byRequest = async (id: string) =>
      (await engine.runsOf("approval")).find((r) => (r.events[0]!.data as { requestId: string }).requestId === id);
    const [r1, r2] = [await byRequest("r1"), await byRequest("r2")];
    expect(r1?.status).toBe("waiting");
    expect(r2?.status).toBe("completed");
    expect(r2?.output).toBe("approved");
    expect(effects).toEqual(["finish:r2"]);
  });

  it("never wakes another tenant's wait, and resolves to null when the timeout passes", async () => {
    await engine.send({ name: "test/approval.decided", data: { tenantId: T2, requestId: "r1", verdict: "approved" } });
    await engine.drain({ advanceMs: 30 * 60_000 });
    expect((await engine.runsOf("approval"))[0]?.status).toBe("waiting");
    await engine.drain({ advanceMs: 31 * 60_000 });
    const [r1] = await engine.runsOf("approval");
    expect(r1?.status).toBe("completed");
    expect(r1?.output).toBe("timed-out");
  });

  it("evaluates the `if` form: every clause must hold", async () => {
    await engine.send({ name: "test/guarded", data: {} });
    await engine.drain();
    await engine.send({ name: "test/signal", data: { kind: "go", level: "low" } });
    await engine.drain();
    expect((await engine.runsOf("guarded"))[0]?.status).toBe("waiting");
    await engine.send({ name: "test/signal", data: { kind: "go", level: "high" } });
    await engine.drain();
    const [run] = await engine.runsOf("guarded");
    expect(run?.status).toBe("completed");
    expect(run?.output).toBe("go");
  });

  it("cancels a run on its cancelOn event (matched by field) and runs no further step", async () => {
    await engine.send([
      { name: "test/job.started", data: { jobId: "j1" } },
      { name: "test/job.started", data: { jobId: "j2" } },
    ]);
    await engine.drain();
    await engine.send({ name: "test/job.cancelled", data: { jobId: "j1" } });
    await engine.drain({ advanceMs: 60 * 60_000 });
    const runs = await engine.runsOf("cancellable");
    expect(runs.map((r) => r.status)).toEqual(["cancelled", "completed"]);
    expect(effects.filter((e) => e.endsWith(":j1"))).toEqual(["first:j1"]);
    expect(effects.filter((e) => e.endsWith(":j2"))).toEqual(["first:j2", "second:j2"]);
  });
});
