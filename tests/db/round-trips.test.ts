import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { createScopes } from "@/db/scope";
import { restHandler } from "@/server/http/rest-handler";
import { MemoryRateLimiter } from "@/server/ratelimit/memory-limiter";
import { createInnerContext } from "@/server/trpc/context";
import { callerFor, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { startRoundTripProxy, type RoundTripProxy } from "../support/round-trip-proxy";

/**
 * The authenticated REST read (`GET /api/v1/tenant` with an API key, through the real REST door)
 * waits on Postgres at most twice (issue 5, "A lean hot path"): a relay between the tenant pool
 * and a real Postgres holds every answer for DELAY ms, so each wait shows in the request's
 * duration, and counts the exchanges on the wire. Revocation still takes effect on the next
 * request: the key is checked in a transaction every time, never from a cache.
 */
const DELAY = 150;
let db: TestDatabase;
let proxy: RoundTripProxy;
let handles: DatabaseHandle[] = [];
let serve: (req: Request) => Promise<Response>;
let org: Awaited<ReturnType<typeof seedTenant>>;

function viaProxy(url: string) {
  const proxied = new URL(url);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(proxy.port);
  return proxied.toString();
}

beforeAll(async () => {
  db = await createPostgresTestDatabase();
  org = await seedTenant(db);
  const target = new URL(db.urls!.app);
  proxy = await startRoundTripProxy({ host: target.hostname, port: Number(target.port || 5432) }, { delayMs: DELAY });
  // One connection, so the warm-up opens it and the measured request reuses it.
  handles = [
    await openDatabase({ driver: "postgres", url: viaProxy(db.urls!.app), max: 1 }),
    await openDatabase({ driver: "postgres", url: db.urls!.platform, max: 1 }),
  ];
  const scopes = createScopes({ mode: "login-roles", app: handles[0]!.db, platform: handles[1]!.db });
  const limiter = new MemoryRateLimiter();
  serve = restHandler((headers, resHeaders) =>
    createInnerContext({ headers, resHeaders, scopes, limiter, getSessionUser: async () => null, baseUrl: "http://localhost:3000" }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
  await proxy?.close();
  await db?.drop();
});

const read = (secret: string, path = "/tenant") =>
  serve(new Request(`http://localhost:3000/api/v1${path}`, { headers: { authorization: `Bearer ${secret}` } }));

/** How long one warm request takes through the delaying relay, and its response. */
async function timed(secret: string, path: string) {
  // Warm: opens the connection, prepares the statements, resolves the key's tenant, stamps last_used_at (once a minute).
  expect((await read(secret, path)).status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 3 * DELAY));
  proxy.reset();
  const started = performance.now();
  const response = await read(secret, path);
  return { response, waited: performance.now() - started };
}

describe("GET /api/v1/tenant with an API key", () => {
  it("waits on Postgres at most twice once the connection is open", async () => {
    const { secret } = await org.as(org.owner).apiKeys.create({ name: "hot path", scopes: ["tenant:read"] });
    const { response, waited } = await timed(secret, "/tenant");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: org.tenant.id, slug: org.tenant.slug });
    // Each wait takes DELAY plus a little: at least one (the key is checked in Postgres every
    // time), and never a third. Today it is one: the tenant row comes with the key's check, and
    // work that needs no query opens no transaction.
    expect(waited).toBeGreaterThanOrEqual(DELAY);
    expect(waited).toBeLessThan(3 * DELAY);
    // On the wire: BEGIN READ ONLY + set_config + the key's check in one write, then its COMMIT, which nobody waits for.
    await new Promise((resolve) => setTimeout(resolve, 2 * DELAY));
    expect(proxy.roundTrips()).toBeLessThanOrEqual(3);
  });

  it("a read that queries (GET /api/v1/members) also waits at most twice: the key's check, then the tenant setting with the query", async () => {
    const { secret } = await org.as(org.owner).apiKeys.create({ name: "members", scopes: ["member:read"] });
    const { response, waited } = await timed(secret, "/members");
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain(org.owner.email);
    expect(waited).toBeGreaterThanOrEqual(2 * DELAY);
    expect(waited).toBeLessThan(3 * DELAY);
  });

  it("still refuses a key on the first request after it is revoked", async () => {
    const { key, secret } = await org.as(org.owner).apiKeys.create({ name: "revoked soon", scopes: ["tenant:read"] });
    expect((await read(secret)).status).toBe(200);
    await callerFor(db, { user: org.owner, tenantSlug: org.tenant.slug }).apiKeys.revoke({ id: key.id });
    const response = await read(secret);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: "api_key_revoked" } });
  });
});
