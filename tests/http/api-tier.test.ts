import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiTier } from "@/server/http/api-tier";
import { installPeerAddressStamp } from "@/server/http/peer-address";
import { MemoryRateLimiter } from "@/server/ratelimit/memory-limiter";
import { createInnerContext } from "@/server/trpc/context";
import { seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";

/**
 * The lean API tier (scripts/api-server.ts) over real HTTP on a real Postgres: the same doors as
 * Next's route handlers — answers, envelope, request id, no-store and the static security
 * headers — and, having no Auth.js, it treats a cookie as no credential at all.
 */
let db: TestDatabase;
let server: Server;
let base: string;
let org: Awaited<ReturnType<typeof seedTenant>>;
let secret: string;

beforeAll(async () => {
  db = await createPostgresTestDatabase();
  org = await seedTenant(db);
  ({ secret } = await org.as(org.owner).apiKeys.create({ name: "tier", scopes: ["tenant:read", "member:read"] }));
  await installPeerAddressStamp();
  const limiter = new MemoryRateLimiter();
  server = createApiTier("http://127.0.0.1", (headers, resHeaders) =>
    createInnerContext({
      headers,
      resHeaders,
      scopes: db.scopes,
      limiter,
      getSessionUser: async () => null,
      baseUrl: "http://localhost:3000",
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.drop();
});

const bearer = () => ({ authorization: `Bearer ${secret}` });

describe("the API tier", () => {
  it("answers REST with a key like Next does: the tenant, rate-limit headers, request id, no-store, nosniff", async () => {
    const res = await fetch(`${base}/api/v1/tenant`, { headers: { authorization: `Bearer ${secret}`, "x-request-id": "tier-test-0001" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: org.tenant.id, slug: org.tenant.slug });
    expect(res.headers.get("x-request-id")).toBe("tier-test-0001");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("ratelimit-limit")).not.toBeNull();
  });

  it("answers tRPC with a key", async () => {
    const res = await fetch(`${base}/api/trpc/members.list?input=${encodeURIComponent(JSON.stringify({}))}`, { headers: bearer() });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain(org.owner.email);
  });

  it("refuses a revoked key, a bad key and a cookie alone with the one error envelope", async () => {
    const bad = await fetch(`${base}/api/v1/tenant`, { headers: { authorization: "Bearer agt_nonsense" } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_api_key" } });
    const cookie = await fetch(`${base}/api/v1/tenant`, {
      headers: { cookie: "authjs.session-token=someone", "x-agentry-tenant": org.tenant.slug },
    });
    expect(cookie.status).toBe(401);
    expect(await cookie.json()).toMatchObject({ error: { code: expect.any(String) } });
  });

  it("keeps the doors' request checks: 415 for a form body, 413 past the size limit, 404 off the doors", async () => {
    const form = await fetch(`${base}/api/v1/api-keys`, {
      method: "POST",
      headers: { ...bearer(), "content-type": "application/x-www-form-urlencoded" },
      body: "name=x",
    });
    expect(form.status).toBe(415);
    const huge = await fetch(`${base}/api/v1/api-keys`, {
      method: "POST",
      headers: { ...bearer(), "content-type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(2_000_000) }),
    });
    expect(huge.status).toBe(413);
    const elsewhere = await fetch(`${base}/dashboard`);
    expect(elsewhere.status).toBe(404);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });
});
