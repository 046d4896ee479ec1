import { randomBytes, randomUUID } from "node:crypto";
import { InngestTestEngine, mockCtx } from "@inngest/test";
import type { Context } from "inngest";
import { Webhook } from "standardwebhooks";
import { ulid } from "ulid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, configureDatabase } from "@/db";
import { webhookDeliveryFunctions, WEBHOOK_TRIGGER_GROUPS } from "@/inngest/functions/webhook-delivery";
import { kekFromBase64, makeKeyring } from "@/server/crypto/envelope";
import { useKeyring } from "@/server/crypto/keyring";
import { EVENT_TYPES } from "@/server/events/catalogue";
import { setWebhookTestNetwork } from "@/server/webhooks/network";
import { MAX_ATTEMPTS, RETRY_DELAYS } from "@/server/webhooks/policy";
import { seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { allowLocalReceiver, startReceiver } from "./support";

/** A bounded wait: @inngest/test can hang rather than fail. */
function within<T>(promise: Promise<T>, ms = 30_000): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no result within ${ms} ms`)), ms))]);
}

describe("the webhook-delivery Inngest function (@inngest/test)", () => {
  let db: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    configureDatabase({ driver: "postgres", url: db.urls!.app, platformUrl: db.urls!.platform, max: 2, platformMax: 1 });
    useKeyring(makeKeyring(kekFromBase64(randomBytes(32).toString("base64"))));
    allowLocalReceiver();
    receiver = await startReceiver((path) => ({ status: path.startsWith("/down") ? 502 : 204 }));
  });
  afterAll(async () => {
    setWebhookTestNetwork(null);
    useKeyring(null);
    await receiver?.close();
    await closeDatabase();
    await db?.drop();
  });

  it("covers every catalogued type with exactly one function, at most ten triggers each, by exact name", () => {
    expect(webhookDeliveryFunctions).toHaveLength(WEBHOOK_TRIGGER_GROUPS.length);
    for (const group of WEBHOOK_TRIGGER_GROUPS) expect(group.length).toBeLessThanOrEqual(10);
    expect(WEBHOOK_TRIGGER_GROUPS.flat().sort()).toEqual([...EVENT_TYPES].sort());
    const triggers = webhookDeliveryFunctions.flatMap((fn) => (fn as unknown as { opts: { triggers: { event: string }[] } }).opts.triggers);
    expect(triggers.map((t) => t.event).sort()).toEqual([...EVENT_TYPES].sort());
    expect(webhookDeliveryFunctions[0]!.id()).toBe("webhook-delivery");
  });

  /** The envelope the dispatcher sends (inngest/events.ts), under the outbox row's ULID. */
  const inngestEvent = (tenantId: string, name: string, payload: unknown) => ({
    id: ulid(),
    name,
    v: "1",
    data: { tenantId, correlationId: "corr", causationId: null, traceId: null, actor: { type: "system", id: null }, payload },
  });
  const fnFor = (type: string) =>
    webhookDeliveryFunctions[WEBHOOK_TRIGGER_GROUPS.findIndex((g) => g.some((p) => type.startsWith(p.slice(0, -1))))]!;

  /**
   * Sleeps return at once; each is recorded by step id with its duration (the engine replays the
   * handler from the top for every step, as Inngest does, so a sleep is "called" on each replay).
   */
  function engine(type: string, event: ReturnType<typeof inngestEvent>, sleeps: Map<string, string>) {
    return new InngestTestEngine({
      function: fnFor(type),
      events: [event],
      transformCtx: (raw: Context.Any) => {
        const ctx = mockCtx(raw);
        ctx.step.sleep = (async (id: string, duration: string) => {
          sleeps.set(id, duration);
        }) as typeof ctx.step.sleep;
        return ctx;
      },
    });
  }

  it("fans a run.completed out to the subscribed endpoint and delivers it signed, once", async () => {
    const org = await seedTenant(db);
    const endpoint = await org.as(org.owner).webhooks.create({ url: receiver.url("/up"), eventTypes: ["run.completed"] });
    await org.as(org.owner).webhooks.create({ url: receiver.url("/other"), eventTypes: ["guard.*"] });
    const event = inngestEvent(org.tenant.id, "run.completed", { runId: randomUUID(), agentId: randomUUID(), status: "completed" });
    const sleeps = new Map<string, string>();
    const { result, error } = await within(engine("run.completed", event, sleeps).execute());
    expect(error).toBeUndefined();
    expect(result).toEqual({ delivered: 1, deliveries: 1 });
    expect(sleeps.size).toBe(0);
    const got = receiver.received.filter((r) => r.path === "/up");
    expect(got).toHaveLength(1);
    expect(new Webhook(endpoint.secret).verify(got[0]!.body, got[0]!.headers)).toMatchObject({ id: event.id, type: "run.completed" });
    expect(receiver.received.filter((r) => r.path === "/other")).toHaveLength(0);
  });

  it("retries on the documented schedule and ends dead", async () => {
    const org = await seedTenant(db);
    const endpoint = await org.as(org.owner).webhooks.create({ url: receiver.url("/down"), eventTypes: ["run.*"] });
    const event = inngestEvent(org.tenant.id, "run.failed", { runId: randomUUID(), agentId: null, apiKeyId: null, code: "x" });
    const sleeps = new Map<string, string>();
    const { result } = await within(engine("run.failed", event, sleeps).execute());
    expect(result).toEqual({ delivered: 0, deliveries: 1 });
    expect([...sleeps.values()]).toEqual([...RETRY_DELAYS]);
    expect(receiver.received.filter((r) => r.path === "/down")).toHaveLength(MAX_ATTEMPTS);
    const log = await org.as(org.owner).webhooks.deliveries({ id: endpoint.id });
    expect(log.items).toEqual([expect.objectContaining({ status: "dead", attempts: MAX_ATTEMPTS, responseStatus: 502 })]);
  });

  it("sends a resend once, without retries, when its audit event arrives", async () => {
    const org = await seedTenant(db);
    const endpoint = await org.as(org.owner).webhooks.create({ url: receiver.url("/down-resend"), eventTypes: ["run.completed"] });
    const test = await org.as(org.owner).webhooks.sendTest({ id: endpoint.id });
    const [row] = await db.ownerSql("select id, payload from events where tenant_id = $1 and type = 'webhook.test_sent'", [org.tenant.id]);
    const event = { ...inngestEvent(org.tenant.id, "webhook.test_sent", row!.payload), id: row!.id as string };
    const sleeps = new Map<string, string>();
    const { result } = await within(engine("webhook.test_sent", event, sleeps).execute());
    expect(result).toEqual({ delivered: 0, deliveries: 1 });
    expect(sleeps.size).toBe(0);
    expect((await org.as(org.owner).webhooks.delivery({ id: test.id })).status).toBe("failed");
  });
});
