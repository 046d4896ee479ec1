import { randomBytes, randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { kekFromBase64, makeKeyring } from "@/server/crypto/envelope";
import { useKeyring } from "@/server/crypto/keyring";
import type { TenantContext } from "@/server/request-context";
import { attemptDelivery } from "@/server/webhooks/attempt-delivery";
import { fanOut, type FanOutEvent } from "@/server/webhooks/fan-out";
import { setWebhookTestNetwork } from "@/server/webhooks/network";
import { MAX_ATTEMPTS } from "@/server/webhooks/policy";
import { asSystem, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { auditRows, countRows } from "../support/failures";
import { allowLocalReceiver, PRIVATE_HOST, productionNetwork, startReceiver } from "./support";

describe("webhook delivery (real Postgres, a real local receiver)", () => {
  let db: TestDatabase;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    useKeyring(makeKeyring(kekFromBase64(randomBytes(32).toString("base64"))));
    receiver = await startReceiver((path, count) => {
      if (path.startsWith("/fail")) return { status: 500, body: "x".repeat(5000) };
      if (path.startsWith("/flaky") && count === 1) return { status: 503 };
      if (path === "/redirect-private") return { status: 307, location: "http://169.254.169.254/latest/meta-data/" };
      if (path === "/redirect-ok") return { status: 307, location: "/ok-after-redirect" };
      return { status: 200, body: "thanks" };
    });
  });
  beforeEach(() => allowLocalReceiver());
  afterAll(async () => {
    setWebhookTestNetwork(null);
    useKeyring(null);
    await receiver?.close();
    await db?.drop();
  });

  const inTenant =
    (tenantId: string) =>
    <R>(work: (ctx: TenantContext) => Promise<R>) =>
      asSystem(db, tenantId, work, "webhook:manage");
  const event = (type: string, payload: unknown): FanOutEvent => ({
    id: `01TEST${randomBytes(10).toString("hex").toUpperCase()}`,
    type,
    version: 1,
    correlationId: "corr-1",
    payload,
  });
  const fan = (tenantId: string, e: FanOutEvent) => inTenant(tenantId)((ctx) => fanOut(ctx, e));
  const attempt = (tenantId: string, deliveryId: string, n = 1, maxAttempts = MAX_ATTEMPTS) =>
    attemptDelivery(inTenant(tenantId), { deliveryId, attempt: n, maxAttempts });
  const deliveryRow = async (id: string) => (await db.ownerSql("select * from webhook_deliveries where id = $1", [id]))[0]!;
  const receivedAt = (path: string) => receiver.received.filter((r) => r.path === path);

  it("POSTs the event JSON signed per Standard Webhooks, which the package's own Webhook.verify accepts", async () => {
    const org = await seedTenant(db);
    const endpoint = await org.as(org.owner).webhooks.create({ url: receiver.url("/signed"), eventTypes: ["run.completed"] });
    const e = event("run.completed", { runId: randomUUID(), status: "completed" });
    const [delivery] = await fan(org.tenant.id, e);
    expect(await attempt(org.tenant.id, delivery!.deliveryId)).toEqual({ status: "succeeded", retry: false, responseStatus: 200 });

    const [request] = receivedAt("/signed");
    expect(request!.headers["webhook-id"]).toBe(`msg_${e.id}`);
    const verified = new Webhook(endpoint.secret).verify(request!.body, request!.headers) as Record<string, unknown>;
    expect(verified).toMatchObject({ id: e.id, type: "run.completed", version: 1, correlationId: "corr-1", data: e.payload });
    expect(() => new Webhook(endpoint.secret).verify(request!.body.replace("completed", "failed"), request!.headers)).toThrow();
    expect(() => new Webhook(`whsec_${randomBytes(24).toString("base64")}`).verify(request!.body, request!.headers)).toThrow();

    const row = await deliveryRow(delivery!.deliveryId);
    expect(row).toMatchObject({ status: "succeeded", attempts: 1, response_status: 200, response_body: "thanks", error: null });
    expect(row.latency_ms).toEqual(expect.any(Number));
    expect(row.request_body).toBe(request!.body);
    expect(row.request_headers).toMatchObject({ "webhook-id": `msg_${e.id}`, "webhook-signature": request!.headers["webhook-signature"] });
    expect(JSON.stringify(row)).not.toContain(endpoint.secret.slice(6));
    const detail = await org.as(org.owner).webhooks.delivery({ id: delivery!.deliveryId });
    expect(detail).toMatchObject({ status: "succeeded", responseStatus: 200, requestBody: request!.body });
  });

  it("sends only what an endpoint subscribes to and its filters pass, to active endpoints, once per event", async () => {
    const org = await seedTenant(db);
    const caller = org.as(org.owner);
    const agentId = randomUUID();
    const runs = await caller.webhooks.create({
      url: receiver.url("/runs"),
      eventTypes: ["run.*"],
      filters: [{ field: "agentId", op: "eq", value: agentId }],
    });
    const threats = await caller.webhooks.create({
      url: receiver.url("/threats"),
      eventTypes: ["guard.threat_detected"],
      filters: [{ field: "severity", op: "in", value: ["high", "critical"] }],
    });
    const everything = await caller.webhooks.create({ url: receiver.url("/all"), eventTypes: ["*"] });
    await caller.webhooks.setStatus({ id: everything.id, status: "disabled" });

    const mine = event("run.completed", { runId: randomUUID(), agentId });
    const first = await fan(org.tenant.id, mine);
    expect(first.map((d) => d.endpointId)).toEqual([runs.id]);
    expect(await fan(org.tenant.id, mine)).toEqual(first);
    expect(await fan(org.tenant.id, event("run.failed", { runId: randomUUID(), agentId: randomUUID() }))).toEqual([]);
    expect(await fan(org.tenant.id, event("guard.threat_detected", { severity: "low" }))).toEqual([]);
    expect((await fan(org.tenant.id, event("guard.threat_detected", { severity: "critical" }))).map((d) => d.endpointId)).toEqual([
      threats.id,
    ]);
    expect(await fan(org.tenant.id, event("agent.created", { target: null, facts: {} }))).toEqual([]);
    // An endpoint is not told of its own test send (it gets the test itself); others subscribed to it are.
    await caller.webhooks.setStatus({ id: everything.id, status: "active" });
    const ownTest = event("webhook.test_sent", {
      target: { type: "webhook_endpoint", id: everything.id },
      facts: { deliveryId: randomUUID() },
    });
    expect(await fan(org.tenant.id, ownTest)).toEqual([]);
    const otherTest = event("webhook.test_sent", {
      target: { type: "webhook_endpoint", id: runs.id },
      facts: { deliveryId: randomUUID() },
    });
    expect((await fan(org.tenant.id, otherTest)).map((d) => d.endpointId)).toEqual([everything.id]);
    expect(await countRows(db, "webhook_deliveries", org.tenant.id)).toBe(3);
  });

  it("sends a replayed copy under its original's webhook-id, so receivers can drop it", async () => {
    const org = await seedTenant(db);
    await org.as(org.owner).webhooks.create({ url: receiver.url("/replayed"), eventTypes: ["run.completed"] });
    const original = event("run.completed", { runId: randomUUID() });
    const copy = event("run.completed", original.payload);
    await db.ownerSql(
      `insert into events (id, tenant_id, type, version, payload, actor_type, correlation_id, replay_of) values ($1, $2, 'run.completed', 1, $3, 'system', 'replay', $4)`,
      [copy.id, org.tenant.id, JSON.stringify(original.payload), original.id],
    );
    const [first] = await fan(org.tenant.id, original);
    const [again] = await fan(org.tenant.id, copy);
    await attempt(org.tenant.id, first!.deliveryId);
    await attempt(org.tenant.id, again!.deliveryId);
    const [a, b] = receivedAt("/replayed");
    expect(a!.headers["webhook-id"]).toBe(`msg_${original.id}`);
    expect(b!.headers["webhook-id"]).toBe(`msg_${original.id}`);
    expect(JSON.parse(b!.body)).toMatchObject({ id: copy.id, replayOf: original.id });
  });

  it("retries a failing receiver on the schedule, keeps a bounded excerpt of its answer, and ends dead after the last attempt", async () => {
    const org = await seedTenant(db);
    await org.as(org.owner).webhooks.create({ url: receiver.url("/fail-1"), eventTypes: ["run.failed"] });
    const [delivery] = await fan(org.tenant.id, event("run.failed", { runId: randomUUID() }));
    const before = Date.now();
    expect(await attempt(org.tenant.id, delivery!.deliveryId, 1)).toEqual({ status: "pending", retry: true, responseStatus: 500 });
    let row = await deliveryRow(delivery!.deliveryId);
    expect(row).toMatchObject({ status: "pending", attempts: 1, response_status: 500, error: "HTTP 500" });
    expect(Buffer.byteLength(row.response_body as string)).toBe(2048);
    const wait = (row.next_attempt_at as Date).getTime() - before;
    expect(wait).toBeGreaterThanOrEqual(5_000);
    expect(wait).toBeLessThan(15_000);
    // Repeating a recorded attempt (a retried step) sends nothing again.
    expect(await attempt(org.tenant.id, delivery!.deliveryId, 1)).toMatchObject({ status: "pending", retry: true });
    expect(receivedAt("/fail-1")).toHaveLength(1);

    for (let n = 2; n < MAX_ATTEMPTS; n++) expect((await attempt(org.tenant.id, delivery!.deliveryId, n)).status).toBe("pending");
    expect(await attempt(org.tenant.id, delivery!.deliveryId, MAX_ATTEMPTS)).toMatchObject({ status: "dead", retry: false });
    row = await deliveryRow(delivery!.deliveryId);
    expect(row).toMatchObject({ status: "dead", attempts: MAX_ATTEMPTS, next_attempt_at: null });
    expect(receivedAt("/fail-1")).toHaveLength(MAX_ATTEMPTS);
    const [endpoint] = await db.ownerSql("select status, failure_streak from webhook_endpoints where tenant_id = $1", [org.tenant.id]);
    // Nine failures within seconds: a long streak, but not a day long — still active.
    expect(endpoint).toMatchObject({ status: "active", failure_streak: MAX_ATTEMPTS });
  });

  it("succeeds on a retry and clears the endpoint's failure streak", async () => {
    const org = await seedTenant(db);
    await org.as(org.owner).webhooks.create({ url: receiver.url("/flaky"), eventTypes: ["run.failed"] });
    const [delivery] = await fan(org.tenant.id, event("run.failed", { runId: randomUUID() }));
    expect((await attempt(org.tenant.id, delivery!.deliveryId, 1)).status).toBe("pending");
    expect(await attempt(org.tenant.id, delivery!.deliveryId, 2)).toMatchObject({ status: "succeeded", responseStatus: 200 });
    const [endpoint] = await db.ownerSql(
      "select failure_streak, failing_since, last_success_at from webhook_endpoints where tenant_id = $1",
      [org.tenant.id],
    );
    expect(endpoint).toMatchObject({ failure_streak: 0, failing_since: null, last_success_at: expect.any(Date) });
  });

  it("switches an endpoint off after failing for a day, audits it, and stops its pending retries", async () => {
    const org = await seedTenant(db);
    const endpoint = await org.as(org.owner).webhooks.create({ url: receiver.url("/fail-2"), eventTypes: ["run.failed"] });
    const [first] = await fan(org.tenant.id, event("run.failed", { runId: randomUUID() }));
    const [second] = await fan(org.tenant.id, event("run.failed", { runId: randomUUID() }));
    // Seven failures so far, the first of them 25 hours ago.
    await db.ownerSql("update webhook_endpoints set failure_streak = 7, failing_since = now() - interval '25 hours' where id = $1", [
      endpoint.id,
    ]);
    expect((await attempt(org.tenant.id, first!.deliveryId, 3)).status).toBe("pending");
    const got = await org.as(org.owner).webhooks.get({ id: endpoint.id });
    expect(got).toMatchObject({ status: "disabled", disabledReason: "failures", failureStreak: 8 });
    const audit = (await auditRows(db, org.tenant.id)).filter((r) => r.action === "webhook.endpoint_disabled");
    expect(audit).toEqual([
      expect.objectContaining({ actor_type: "system", target_id: endpoint.id, diff: expect.objectContaining({ reason: "failures" }) }),
    ]);

    const sent = receivedAt("/fail-2").length;
    expect(await attempt(org.tenant.id, second!.deliveryId, 1)).toEqual({ status: "failed", retry: false, responseStatus: null });
    expect(receivedAt("/fail-2")).toHaveLength(sent);
    expect(await deliveryRow(second!.deliveryId)).toMatchObject({ status: "failed", error: "The endpoint is disabled." });

    // An admin re-enables it: the streak starts afresh.
    expect(await org.as(org.owner).webhooks.setStatus({ id: endpoint.id, status: "active" })).toMatchObject({ failureStreak: 0 });
  });

  it("does not switch off an endpoint whose failures span less than a day", async () => {
    const org = await seedTenant(db);
    const endpoint = await org.as(org.owner).webhooks.create({ url: receiver.url("/fail-3"), eventTypes: ["run.failed"] });
    const [delivery] = await fan(org.tenant.id, event("run.failed", { runId: randomUUID() }));
    await db.ownerSql("update webhook_endpoints set failure_streak = 30, failing_since = now() - interval '23 hours' where id = $1", [
      endpoint.id,
    ]);
    await attempt(org.tenant.id, delivery!.deliveryId, 1);
    expect(await org.as(org.owner).webhooks.get({ id: endpoint.id })).toMatchObject({ status: "active", failureStreak: 31 });
  });

  it("refuses at delivery a host that now resolves to a private address, loopback in production rules, and a redirect to one", async () => {
    const org = await seedTenant(db);
    const caller = org.as(org.owner);
    const rebound = await caller.webhooks.create({ url: receiver.url("/rebound"), eventTypes: ["run.failed"] });
    const redirected = await caller.webhooks.create({ url: receiver.url("/redirect-private"), eventTypes: ["run.failed"] });
    const followed = await caller.webhooks.create({ url: receiver.url("/redirect-ok"), eventTypes: ["run.failed"] });
    // The name now points inside the network (DNS changed after creation).
    await db.ownerSql("update webhook_endpoints set url = $2 where id = $1", [
      rebound.id,
      `http://${PRIVATE_HOST}:${receiver.port}/rebound`,
    ]);
    const deliveries = await fan(org.tenant.id, event("run.failed", { runId: randomUUID() }));
    const byEndpoint = new Map(deliveries.map((d) => [d.endpointId, d.deliveryId]));

    expect((await attempt(org.tenant.id, byEndpoint.get(rebound.id)!)).status).toBe("pending");
    expect(await deliveryRow(byEndpoint.get(rebound.id)!)).toMatchObject({
      response_status: null,
      error: expect.stringMatching(/^ssrf_blocked: .*10\.0\.0\.7/),
    });
    expect((await attempt(org.tenant.id, byEndpoint.get(redirected.id)!)).status).toBe("pending");
    expect(await deliveryRow(byEndpoint.get(redirected.id)!)).toMatchObject({
      error: expect.stringMatching(/^ssrf_blocked: .*169\.254\.169\.254/),
    });
    expect(await attempt(org.tenant.id, byEndpoint.get(followed.id)!)).toMatchObject({ status: "succeeded" });
    expect(receivedAt("/ok-after-redirect")).toHaveLength(1);
    expect(receivedAt("/rebound")).toHaveLength(0);

    // Production rules (no loopback opt-in): the local receiver itself is refused.
    productionNetwork();
    const [again] = await fan(org.tenant.id, event("run.failed", { runId: randomUUID() })).then((d) =>
      d.filter((x) => x.endpointId === followed.id),
    );
    expect((await attempt(org.tenant.id, again!.deliveryId)).status).toBe("pending");
    expect(await deliveryRow(again!.deliveryId)).toMatchObject({ error: expect.stringMatching(/^ssrf_blocked: .*127\.0\.0\.1/) });
    expect(receivedAt("/redirect-ok")).toHaveLength(1);
  });

  it("resends a delivery as one new attempt with the same webhook-id and a fresh signature, audited; and sends a test event", async () => {
    const org = await seedTenant(db);
    const caller = org.as(org.owner);
    const endpoint = await caller.webhooks.create({ url: receiver.url("/resend"), eventTypes: ["run.completed"] });
    const e = event("run.completed", { runId: randomUUID() });
    const [delivery] = await fan(org.tenant.id, e);
    await attempt(org.tenant.id, delivery!.deliveryId);

    const resent = await caller.webhooks.resend({ id: delivery!.deliveryId });
    expect(resent).toMatchObject({ kind: "resend", resendOf: delivery!.deliveryId, messageId: `msg_${e.id}`, status: "pending" });
    expect(await attempt(org.tenant.id, resent.id, 1, 1)).toMatchObject({ status: "succeeded" });
    const [original, again] = receivedAt("/resend");
    expect(again!.body).toBe(original!.body);
    expect(again!.headers["webhook-id"]).toBe(original!.headers["webhook-id"]);
    expect(new Webhook(endpoint.secret).verify(again!.body, again!.headers)).toMatchObject({ id: e.id });
    const audit = (await auditRows(db, org.tenant.id)).filter((r) => r.action === "webhook.delivery_resent");
    expect(audit).toEqual([
      expect.objectContaining({ diff: expect.objectContaining({ resendOf: delivery!.deliveryId, deliveryId: resent.id }) }),
    ]);

    const log = await caller.webhooks.deliveries({ id: endpoint.id });
    expect(log.items.map((d) => d.id)).toEqual([resent.id, delivery!.deliveryId]);
    expect((await caller.webhooks.deliveries({ id: endpoint.id, status: "pending" })).items).toEqual([]);

    const test = await caller.webhooks.sendTest({ id: endpoint.id });
    expect(await attempt(org.tenant.id, test.id, 1, 1)).toMatchObject({ status: "succeeded" });
    expect(new Webhook(endpoint.secret).verify(receivedAt("/resend")[2]!.body, receivedAt("/resend")[2]!.headers)).toMatchObject({
      type: "webhook.test",
      data: { endpointId: endpoint.id },
    });
  });
});
