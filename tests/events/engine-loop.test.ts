import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOn } from "@/db/client";
import { recordChange } from "@/server/audit/record-change";
import { startEventEngine } from "@/server/events/dispatcher-engine";
import { asSystem, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe("the engine loop", () => {
  let db: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 4 });
    tenantId = (await seedTenant(db)).tenant.id;
  });
  afterAll(async () => {
    await db?.drop();
  });

  const listen = (channel: string, onNotify: () => void) =>
    listenOn({ db: db.app, driver: "postgres", close: async () => {} }, channel, onNotify);
  const invite = () =>
    asSystem(db, tenantId, (ctx) =>
      recordChange(ctx, "member.invited", { targetId: randomUUID(), facts: { role: "viewer" }, personal: { email: "l@example.test" } }),
    );
  const pending = async () => Number((await db.ownerSql(`select count(*) from events where delivered_at is null`))[0]!.count);

  it("is woken by NOTIFY at commit (no polling: the poll interval is a minute) and stops cleanly", async () => {
    const client = new Inngest({ id: "loop" });
    const seen: string[] = [];
    const fn = client.createFunction({ id: "seen", triggers: [{ event: "member.invited" }] }, async ({ event, step }) => {
      await step.run("note", () => seen.push(event.id!));
    });
    const signingKey = `signkey-test-${randomBytes(32).toString("hex")}`;
    process.env.INNGEST_SIGNING_KEY = signingKey;
    const engine = await startEventEngine({
      scopes: db.scopes,
      listen,
      client,
      functions: [fn],
      mode: "embedded",
      pollMs: 60_000,
      signingKey,
    });
    try {
      // The first pass at start-up drained what was there; now only a notification can wake it.
      await until("the first idle pass", async () => (await pending()) === 0);
      const started = Date.now();
      await invite();
      await until("the function to run", () => seen.length === 1);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(await pending()).toBe(0);
    } finally {
      await engine.stop();
      delete process.env.INNGEST_SIGNING_KEY;
    }
  });

  it("keeps running other runs while one step is slow (a pool, not rounds)", async () => {
    const client = new Inngest({ id: "pool" });
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const done: string[] = [];
    const slow = client.createFunction({ id: "slow", triggers: [{ event: "member.invited" }] }, async ({ step }) => {
      await step.run("model-call", async () => {
        await gate;
        done.push("slow");
      });
    });
    const quick = client.createFunction({ id: "quick", triggers: [{ event: "member.role_changed" }] }, async ({ step }) => {
      await step.run("note", () => done.push("quick"));
    });
    const signingKey = `signkey-test-${randomBytes(32).toString("hex")}`;
    process.env.INNGEST_SIGNING_KEY = signingKey;
    const engine = await startEventEngine({
      scopes: db.scopes,
      listen,
      client,
      functions: [slow, quick],
      mode: "embedded",
      pollMs: 200,
      parallel: 2,
      signingKey,
    });
    try {
      await invite();
      await until(
        "the slow run to hold its slot",
        async () =>
          (await db.ownerSql(`select 1 from engine_runs where function_id = 'pool-slow' and lease_owner is not null`)).length === 1,
      );
      await asSystem(db, tenantId, (ctx) =>
        recordChange(ctx, "member.role_changed", {
          targetId: randomUUID(),
          facts: { role: { from: "viewer", to: "developer" } },
          personal: { email: "q@example.test" },
        }),
      );
      await until("the quick run to finish first", () => done.includes("quick"));
      expect(done).toEqual(["quick"]);
      release();
      await until("the slow run to finish", () => done.includes("slow"));
    } finally {
      release();
      await engine.stop();
      delete process.env.INNGEST_SIGNING_KEY;
    }
  });

  it("forwards to an Inngest server with the outbox id as the event id, and retries a refused batch", async () => {
    const received: { id: string; name: string; v: string; data: { tenantId: string; payload: unknown } }[] = [];
    let refuse = 2;
    const server: Server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        if (refuse > 0) {
          refuse--;
          res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ status: 500, error: "unavailable" }));
          return;
        }
        const events = JSON.parse(body) as typeof received;
        received.push(...events);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: 200, ids: events.map((e) => e.id) }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const client = new Inngest({ id: "remote", eventKey: "test-key", baseUrl, isDev: false });
    await invite();
    const engine = await startEventEngine({ scopes: db.scopes, listen, client, functions: [], mode: "remote", pollMs: 100 });
    try {
      await until("the events to be delivered", async () => (await pending()) === 0);
      const outbox = await db.ownerSql(`select id, type, tenant_id, version from events order by id`);
      const last = outbox[outbox.length - 1]!;
      const sent = received.find((e) => e.id === last.id);
      expect(sent).toMatchObject({ id: last.id, name: "member.invited", v: String(last.version), data: { tenantId: last.tenant_id } });
      expect(new Set(received.map((e) => e.id)).size).toBe(received.length);
    } finally {
      await engine.stop();
      server.close();
    }
  });
});
