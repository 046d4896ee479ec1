import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kekFromBase64, makeKeyring } from "@/server/crypto/envelope";
import { useKeyring } from "@/server/crypto/keyring";
import { errorEnvelope } from "@/server/trpc/error-shape";
import { setWebhookTestNetwork } from "@/server/webhooks/network";
import { addMember, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { auditRows, countRows, failure, issuePaths } from "../support/failures";
import { allowLocalReceiver, LOOPBACK_HOST, PRIVATE_HOST, productionNetwork, PUBLIC_HOST, RECEIVER_HOST } from "./support";

describe("webhook endpoints (real Postgres, production role shape)", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    useKeyring(makeKeyring(kekFromBase64(randomBytes(32).toString("base64"))));
    allowLocalReceiver();
  });
  afterAll(async () => {
    setWebhookTestNetwork(null);
    useKeyring(null);
    await db?.drop();
  });

  it("creates an endpoint with a whsec_ secret shown once, sealed at rest, audited without the secret or the URL's path", async () => {
    const org = await seedTenant(db);
    const created = await org.as(org.owner).webhooks.create({
      url: `https://${RECEIVER_HOST}/hooks/T0KEN-in-path`,
      description: "Ops channel",
      eventTypes: ["run.*", "guard.threat_detected", "run.completed"],
      filters: [{ field: "severity", op: "in", value: ["high", "critical"] }],
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(created).toMatchObject({ status: "active", eventTypes: ["run.*", "guard.threat_detected", "run.completed"], failureStreak: 0 });

    const got = await org.as(org.owner).webhooks.get({ id: created.id });
    const listed = await org.as(org.owner).webhooks.list({});
    expect(listed.items.map((e) => e.id)).toEqual([created.id]);
    expect(JSON.stringify([got, listed])).not.toContain(created.secret.slice(6, 20));
    expect(got).not.toHaveProperty("secret");

    const [row] = await db.ownerSql("select * from webhook_endpoints where id = $1", [created.id]);
    for (const [column, value] of Object.entries(row!)) {
      expect(JSON.stringify(value) ?? "", column).not.toContain(created.secret.slice(6, 20));
    }
    const audit = (await auditRows(db, org.tenant.id)).filter((r) => r.action.startsWith("webhook."));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "webhook.endpoint_created",
      target_id: created.id,
      diff: { host: RECEIVER_HOST, eventTypes: ["run.*", "guard.threat_detected", "run.completed"], filters: 1 },
      personal: { description: "Ops channel" },
    });
    expect(JSON.stringify(audit)).not.toContain("T0KEN");
    const [event] = await db.ownerSql("select type, payload from events where tenant_id = $1 and type like 'webhook.%'", [org.tenant.id]);
    expect(event).toMatchObject({ type: "webhook.endpoint_created", payload: { target: { type: "webhook_endpoint", id: created.id } } });
  });

  it("refuses a private target at creation — an IP literal, or a name that resolves to loopback or 10.x — with a message in both languages", async () => {
    productionNetwork();
    try {
      const org = await seedTenant(db);
      const caller = org.as(org.owner);
      const base = { eventTypes: ["run.completed"] };
      for (const url of ["https://169.254.169.254/latest", "https://10.1.2.3/x", "https://[::1]/x", "https://localhost/x"]) {
        const refused = await failure(caller.webhooks.create({ ...base, url }));
        expect(refused.httpStatus, url).toBe(400);
        expect(refused.error.details?.fields, url).toEqual({ url: expect.stringContaining("private") });
      }
      for (const host of [PRIVATE_HOST, LOOPBACK_HOST]) {
        const call = caller.webhooks.create({ ...base, url: `https://${host}/hook` });
        const refused = await failure(call);
        expect(refused.httpStatus).toBe(400);
        expect(refused.error).toMatchObject({
          code: "webhook_url_private",
          details: { fields: { url: expect.stringContaining("private") } },
        });
        const zh = errorEnvelope((await call.catch((e: unknown) => e)) as TRPCError, undefined, "zh-CN");
        expect(zh.message).toBe("该网址指向私有、环回或链路本地地址；Webhook 只会发送到公网主机。");
        expect(zh.details?.fields).toEqual({ url: zh.message });
      }
      // A public name is accepted (and one that does not resolve yet: deliveries retry and re-vet).
      await expect(caller.webhooks.create({ ...base, url: `https://${PUBLIC_HOST}/hook` })).resolves.toMatchObject({ status: "active" });
      await expect(caller.webhooks.create({ ...base, url: "https://not-yet.test.example/hook" })).resolves.toMatchObject({
        status: "active",
      });
      expect(await countRows(db, "webhook_endpoints", org.tenant.id)).toBe(2);
    } finally {
      allowLocalReceiver();
    }
  });

  it("validates the URL's spelling, the event types and the filters, naming each field", async () => {
    const org = await seedTenant(db);
    const caller = org.as(org.owner);
    const bad = await failure(
      caller.webhooks.create({
        url: "https://user:pw@hooks.example.com/x",
        eventTypes: ["run.completed", "no.such_type", "nofamily.*"],
        filters: [{ field: "a..b", op: "eq", value: 1 }],
      }),
    );
    expect(bad.httpStatus).toBe(400);
    expect(issuePaths(bad).sort()).toEqual(["eventTypes.1", "eventTypes.2", "filters.0.field", "url"]);
    expect(bad.error.details?.fields).toMatchObject({ url: expect.stringContaining("password"), "eventTypes.1": expect.any(String) });
    expect(await failure(caller.webhooks.create({ url: "https://93.184.216.34/x", eventTypes: ["*"] }))).toMatchObject({
      httpStatus: 400,
      error: { details: { fields: { url: expect.stringContaining("host name") } } },
    });
    expect((await failure(caller.webhooks.create({ url: "https://hooks.example.com/x", eventTypes: [] }))).httpStatus).toBe(400);
    expect(await countRows(db, "webhook_endpoints", org.tenant.id)).toBe(0);
  });

  it("updates, rotates the secret (shown once), disables and re-enables, and deletes — each audited", async () => {
    const org = await seedTenant(db);
    const caller = org.as(org.owner);
    const created = await caller.webhooks.create({ url: `https://${RECEIVER_HOST}/a`, eventTypes: ["*"] });
    const updated = await caller.webhooks.update({ id: created.id, description: "new", eventTypes: ["agent.*"] });
    expect(updated).toMatchObject({ description: "new", eventTypes: ["agent.*"] });
    expect((await failure(caller.webhooks.update({ id: created.id, description: "new" }))).httpStatus).toBe(400);
    expect((await failure(caller.webhooks.update({ id: created.id, url: `https://${PRIVATE_HOST}/x` }))).error.code).toBe(
      "webhook_url_private",
    );

    const rotated = await caller.webhooks.rotateSecret({ id: created.id });
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.secretRotatedAt).not.toBeNull();

    expect(await caller.webhooks.setStatus({ id: created.id, status: "disabled" })).toMatchObject({
      status: "disabled",
      disabledReason: "admin",
    });
    expect((await failure(caller.webhooks.sendTest({ id: created.id }))).httpStatus).toBe(409);
    expect(await caller.webhooks.setStatus({ id: created.id, status: "active" })).toMatchObject({ status: "active", disabledReason: null });

    await caller.webhooks.delete({ id: created.id });
    expect((await failure(caller.webhooks.get({ id: created.id }))).httpStatus).toBe(404);
    const actions = (await auditRows(db, org.tenant.id)).map((r) => r.action).filter((a) => a.startsWith("webhook."));
    expect(actions).toEqual([
      "webhook.endpoint_created",
      "webhook.endpoint_updated",
      "webhook.secret_rotated",
      "webhook.endpoint_disabled",
      "webhook.endpoint_enabled",
      "webhook.endpoint_deleted",
    ]);
  });

  it("answers 404 for another organisation's endpoint and delivery, and changes nothing there", async () => {
    const a = await seedTenant(db);
    const b = await seedTenant(db);
    const mine = await a.as(a.owner).webhooks.create({ url: `https://${RECEIVER_HOST}/a`, eventTypes: ["*"] });
    const test = await a.as(a.owner).webhooks.sendTest({ id: mine.id });
    const other = b.as(b.owner).webhooks;
    for (const call of [
      () => other.get({ id: mine.id }),
      () => other.update({ id: mine.id, description: "x" }),
      () => other.delete({ id: mine.id }),
      () => other.rotateSecret({ id: mine.id }),
      () => other.deliveries({ id: mine.id }),
      () => other.delivery({ id: test.id }),
      () => other.resend({ id: test.id }),
    ]) {
      expect((await failure(call())).httpStatus).toBe(404);
    }
    expect((await b.as(b.owner).webhooks.list({})).items).toEqual([]);

    // A viewer reads the endpoints and the log, and may change nothing.
    const viewer = await addMember(db, a, "viewer");
    expect((await a.as(viewer).webhooks.list({})).items.map((e) => e.id)).toEqual([mine.id]);
    expect((await a.as(viewer).webhooks.deliveries({ id: mine.id })).items).toHaveLength(1);
    expect((await failure(a.as(viewer).webhooks.create({ url: `https://${RECEIVER_HOST}/v`, eventTypes: ["*"] }))).httpStatus).toBe(403);
    expect((await failure(a.as(viewer).webhooks.resend({ id: test.id }))).httpStatus).toBe(403);
    expect(await countRows(db, "webhook_endpoints", a.tenant.id)).toBe(1);
  });
});
