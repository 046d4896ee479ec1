import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inngest } from "@/inngest/client";
import { agentryEvent } from "@/inngest/events";
import { deadLetterCapture } from "@/inngest/functions/dead-letter-capture";
import { seedTenant } from "../support/callers";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";

/**
 * Dead letters end to end through the in-process driver: the outbox event reaches a function
 * that always fails; after its retries the engine emits `inngest/function.failed`, the capture
 * files a dead letter; retrying it puts a replay copy in the outbox, which the dispatcher delivers
 * to the function again as a new event.
 */
const deliveries: string[] = [];

const alwaysFails = inngest.createFunction(
  { id: "explorer-always-fails", triggers: [agentryEvent("agent.created")], retries: 2 },
  async ({ event, step }) => {
    await step.run("deliver", () => {
      deliveries.push(event.id!);
      throw new Error("The endpoint answered 500");
    });
  },
);

let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine({ functions: [alwaysFails, deadLetterCapture] });
}, 60_000);

afterAll(async () => {
  await engine?.stop();
});

const DAY = 24 * 3_600_000;

describe("a function that always fails", () => {
  it("ends in a dead letter after its retries, and a retry delivers the event again as a new one", { timeout: 120_000 }, async () => {
    const o = await seedTenant(engine.db);
    const owner = o.as(o.owner);
    await owner.agents.create({ template: "customer-service", name: "Support" });
    const [created] = (await owner.events.list({ type: "agent.created" })).items;

    await engine.drain({ advanceMs: DAY });
    // First attempt and two retries, all on the original event.
    expect(deliveries).toEqual([created!.id, created!.id, created!.id]);
    const [run] = await engine.runsOf("explorer-always-fails");
    expect(run).toMatchObject({ status: "failed" });
    const captures = await engine.runsOf(deadLetterCapture.id());
    expect(captures.map((r) => r.status)).toEqual(["completed"]);

    const [letter] = (await owner.events.deadLetters({})).items;
    expect(letter).toMatchObject({
      functionId: "agentry-explorer-always-fails",
      runId: run!.id,
      eventId: created!.id,
      eventName: "agent.created",
      error: { message: "The endpoint answered 500" },
      status: "open",
    });

    const retried = await o.as(o.owner).events.retryDeadLetter({ id: letter!.id });
    await engine.drain({ advanceMs: DAY });
    // The copy is a new event (its own id) delivered to the function again: three more attempts.
    expect(deliveries.slice(3)).toEqual([retried.retryEventId, retried.retryEventId, retried.retryEventId]);
    const copy = await owner.events.get({ id: retried.retryEventId! });
    expect(copy).toMatchObject({ type: "agent.created", replayOf: created!.id, causationId: created!.id, payload: created!.payload });
    expect(copy.deliveredAt).not.toBeNull();
    // It failed again: a second dead letter, for the copy, while the first stays retried.
    const letters = (await owner.events.deadLetters({})).items;
    expect(letters.map((l) => [l.eventId, l.status])).toEqual([
      [retried.retryEventId, "open"],
      [created!.id, "retried"],
    ]);
  });
});
