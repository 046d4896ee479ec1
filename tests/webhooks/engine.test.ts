import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor } from "../support/callers";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";
import { createAgent, installTestKeyring, removeTestKeyring, seedRunsTenant } from "../runs/support";
import { allowLocalReceiver, eventually, startReceiver } from "./support";
import { setWebhookTestNetwork } from "@/server/webhooks/network";

/**
 * End to end through the in-process driver: a run completes, its `run.completed` goes through
 * the outbox and the dispatcher to the webhook-delivery function, and the subscribed endpoint
 * (a real local receiver) gets it once, signed; an endpoint subscribed to something else gets
 * nothing, and draining again sends nothing more.
 */
describe("webhooks through the in-process Inngest driver", () => {
  let engine: TestEngine;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    engine = await startTestEngine();
    installTestKeyring();
    allowLocalReceiver();
    receiver = await startReceiver((path, count) => ({ status: path === "/flaky" && count <= 2 ? 503 : 200 }));
  }, 120_000);
  afterAll(async () => {
    setWebhookTestNetwork(null);
    removeTestKeyring();
    await receiver?.close();
    await engine?.stop();
  });

  it("a completed run reaches the subscribed endpoint once, signed per Standard Webhooks", async () => {
    const db = engine.db;
    const org = await seedRunsTenant(db);
    const endpoint = await org.as(org.owner).webhooks.create({ url: receiver.url("/runs"), eventTypes: ["run.completed"] });
    await org.as(org.owner).webhooks.create({ url: receiver.url("/incidents"), eventTypes: ["incident.*"] });
    const agent = await createAgent(org, { template: "customer-service", name: "Helpdesk" });
    const run = await callerFor(db, { apiKey: org.key }).runs.create({ id: agent.id, input: "What are your opening hours?" });
    expect(run.status).toBe("completed");

    await engine.drain({ timeoutMs: 60_000 });
    const got = await eventually(async () => receiver.received.filter((r) => r.path === "/runs").length > 0 && receiver.received);
    const runs = got.filter((r) => r.path === "/runs");
    expect(runs).toHaveLength(1);
    const message = new Webhook(endpoint.secret).verify(runs[0]!.body, runs[0]!.headers) as { type: string; data: { runId: string } };
    expect(message).toMatchObject({ type: "run.completed", data: { runId: run.id, agentId: agent.id } });
    expect(receiver.received.filter((r) => r.path === "/incidents")).toHaveLength(0);

    await engine.drain({ timeoutMs: 60_000 });
    expect(receiver.received.filter((r) => r.path === "/runs")).toHaveLength(1);
    const log = await org.as(org.owner).webhooks.deliveries({ id: endpoint.id });
    expect(log.items).toEqual([
      expect.objectContaining({ eventType: "run.completed", status: "succeeded", attempts: 1, responseStatus: 200 }),
    ]);
  });

  it("retries a failing receiver after the scheduled sleeps (fast-forwarded by the driver's clock) until it answers", async () => {
    const db = engine.db;
    const org = await seedRunsTenant(db);
    const endpoint = await org.as(org.owner).webhooks.create({ url: receiver.url("/flaky"), eventTypes: ["webhook.endpoint_updated"] });
    await org.as(org.owner).webhooks.update({ id: endpoint.id, description: "changed" });

    // The first attempt fails; the next is due 5 s later and is not run until the clock gets there.
    await engine.drain({ timeoutMs: 60_000 });
    expect(receiver.received.filter((r) => r.path === "/flaky")).toHaveLength(1);
    await engine.drain({ advanceMs: 2 * 60_000, timeoutMs: 60_000 });
    const attempts = receiver.received.filter((r) => r.path === "/flaky");
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.headers["webhook-id"])).size).toBe(1);
    const [delivery] = (await org.as(org.owner).webhooks.deliveries({ id: endpoint.id })).items;
    expect(delivery).toMatchObject({ eventType: "webhook.endpoint_updated", status: "succeeded", attempts: 3, responseStatus: 200 });
    expect(await org.as(org.owner).webhooks.get({ id: endpoint.id })).toMatchObject({ failureStreak: 0, status: "active" });
  });
});
