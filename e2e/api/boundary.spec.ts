/**
 * The HTTP boundary against `next start`: cross-site requests riding on a session cookie,
 * bodies that are not JSON, oversized tRPC batches, forwarded headers from an untrusted client,
 * links that must not take a request's host, crafted dates, the console's 404, and the headers
 * every answer carries.
 */
import { baseUrl } from "../support/env";
import { expect, signIn, test, TEST_PASSWORD, uniqueSlug } from "../support/fixtures";
import { bearer, expectError, expectOk } from "../support/http";

const SIBLING = (() => {
  const url = new URL(baseUrl());
  url.port = String(Number(url.port) + 50);
  return url.origin;
})();

test("a sibling port cannot sign a victim out everywhere: multipart and JSON from another origin are refused", async ({
  playwright,
  seed,
}) => {
  const victim = await seed.user("Vic Victim");
  const request = await playwright.request.newContext({ baseURL: baseUrl() });
  try {
    await signIn(request, victim.email);
    const endpoint = "/api/trpc/account.signOutEverywhere";
    // What a page on http://127.0.0.1:<other port> can send with the victim's (same-site) cookie.
    const attacks: { headers: Record<string, string>; multipart?: Record<string, string>; data?: Buffer }[] = [
      { headers: { origin: SIBLING, "sec-fetch-site": "same-site" }, multipart: { keepCurrent: "false" } },
      { headers: { origin: SIBLING, "sec-fetch-site": "same-site", "content-type": "application/json" }, data: Buffer.from("{}") },
      { headers: { origin: SIBLING, "content-type": "text/plain" }, data: Buffer.from('{"keepCurrent":false}') },
      { headers: { origin: "null", "content-type": "application/json" }, data: Buffer.from("{}") },
    ];
    for (const attack of attacks) {
      const response = await request.post(endpoint, attack);
      expect(response.status(), JSON.stringify(attack.headers)).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("cross_site_request");
    }
    // Even from our own origin, a form body is not accepted.
    const form = await request.post(endpoint, {
      headers: { origin: baseUrl(), "sec-fetch-site": "same-origin" },
      multipart: { keepCurrent: "false" },
    });
    expect(form.status()).toBe(415);
    // Still signed in: nothing happened.
    expect((await request.get("/api/trpc/account.me")).status()).toBe(200);
    const [sessions] = await seed.ownerSql("select count(*)::int as n from user_sessions where user_id = $1 and revoked_at is null", [
      victim.id,
    ]);
    expect(sessions!.n).toBe(1);

    // The portal's own call (same origin, JSON) works.
    const own = await request.post(endpoint, {
      headers: { origin: baseUrl(), "sec-fetch-site": "same-origin" },
      data: { keepCurrent: true },
    });
    expect(own.status()).toBe(200);
  } finally {
    await request.dispose();
  }
});

test("bearer requests are not CSRF-able, but a body that is not JSON is still 415", async ({ request, seedTenantWithKey }) => {
  const a = await seedTenantWithKey();
  for (const [type, data] of [
    ["application/x-www-form-urlencoded", "name=x&scopes=tenant:read"],
    ["text/plain", '{"name":"x","scopes":["tenant:read"]}'],
  ] as const) {
    await expectError(
      await request.post("/api/v1/api-keys", { headers: { ...bearer(a.key.secret), "content-type": type }, data: Buffer.from(data) }),
      415,
      "unsupported_media_type",
    );
    const trpc = await request.post("/api/trpc/apiKeys.create", {
      headers: { ...bearer(a.key.secret), "content-type": type, origin: SIBLING },
      data: Buffer.from(data),
    });
    expect(trpc.status()).toBe(415);
  }
  // Nothing was created: the seeded key is still the only one.
  const keys = await expectOk<{ items: unknown[] }>(await request.get("/api/v1/api-keys", { headers: bearer(a.key.secret) }));
  expect(keys.items).toHaveLength(1);
});

test("POST without a body is fine: the API reference's own curl for verify answers 200", async ({ request, seedTenantWithKey }) => {
  const a = await seedTenantWithKey();
  // curl -X POST -H "Authorization: Bearer …" …/audit-log/verify — no body, no content type.
  const verdict = await expectOk<{ ok: boolean }>(
    await request.fetch("/api/v1/audit-log/verify", { method: "POST", headers: bearer(a.key.secret) }),
  );
  expect(verdict.ok).toBe(true);
});

test("a tRPC batch of 20 is refused with a clear 400 and creates nothing", async ({ request, seed }) => {
  const user = await seed.user("Bea Batch");
  await signIn(request, user.email);
  const paths = Array.from({ length: 20 }, () => "account.createTenant").join(",");
  const body = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String(i), { name: `Batch ${i}`, slug: uniqueSlug() }]));
  const response = await request.post(`/api/trpc/${paths}?batch=1`, { headers: { origin: baseUrl() }, data: body });
  const error = await expectError(response, 400, "batch_too_large");
  expect(error.error.message).toContain("at most 10 calls; this one has 20");
  expect(await seed.as(user).account.tenants()).toEqual([]);
  // Ten is allowed (the per-account creation limit stops it at five).
  const ten = Array.from({ length: 10 }, () => "account.createTenant").join(",");
  const allowed = await request.post(`/api/trpc/${ten}?batch=1`, {
    headers: { origin: baseUrl() },
    data: Object.fromEntries(Object.entries(body).slice(0, 10)),
  });
  expect(allowed.status()).not.toBe(400);
  expect((await seed.as(user).account.tenants()).length).toBe(5);
});

test("a spoofed X-Forwarded-For is not what the audit log records; spoofed hosts do not reach links", async ({
  request,
  seed,
  seedTenantWithKey,
}) => {
  const a = await seedTenantWithKey();
  const spoof = {
    "x-forwarded-for": "198.51.100.66",
    "x-real-ip": "198.51.100.67",
    "x-forwarded-host": "evil.example",
    "x-forwarded-proto": "https",
  };
  const created = await expectOk<{ key: { id: string } }>(
    await request.post("/api/v1/api-keys", {
      headers: { ...bearer(a.key.secret), ...spoof },
      data: { name: "spoofed", scopes: ["tenant:read"] },
    }),
  );
  const [row] = await seed.ownerSql("select ip from audit_log where tenant_id = $1 and target_id = $2", [a.tenant.id, created.key.id]);
  expect(row!.ip).toBe("127.0.0.1");

  const invite = await expectOk<{ link: string }>(
    await request.post("/api/v1/invitations", {
      headers: { ...bearer(a.key.secret), ...spoof, host: "evil.example" },
      data: { email: "spoof@example.test", role: "viewer" },
    }),
  );
  expect(invite.link.startsWith(`${baseUrl()}/invite/`)).toBe(true);
  const doc = await expectOk<{ servers: { url: string }[] }>(await request.get("/api/openapi.json", { headers: spoof }));
  expect(doc.servers[0]!.url).toBe(`${baseUrl()}/api/v1`);
});

test("crafted dates are a 400, never a 500", async ({ request, seedTenantWithKey }) => {
  const a = await seedTenantWithKey();
  for (const from of ["0000-01-01", "-271821-04-20T00:00:00Z", "+275760-09-13T00:00:00Z", "99999-01-01"]) {
    await expectError(
      await request.get(`/api/v1/audit-log?from=${encodeURIComponent(from)}`, { headers: bearer(a.key.secret) }),
      400,
      "validation_failed",
    );
  }
  const forged = Buffer.from(`-271821-04-20T00:00:00.000Z|${a.key.id}`).toString("base64url");
  await expectError(await request.get(`/api/v1/api-keys?cursor=${forged}`, { headers: bearer(a.key.secret) }), 400, "invalid_cursor");
});

test("the platform console answers a real 404 to a signed-in non-admin", async ({ request, seed }) => {
  const user = await seed.user("Nora Nonadmin");
  // With PLATFORM_ADMIN_EMAILS empty (as here) the first account on an install becomes its
  // operator: run first, on a fresh server, this user would be the console's admin. Not-an-admin
  // is what this test is about, so it says so rather than relying on an earlier test's sign-up.
  await seed.ownerSql("update users set is_platform_admin = false where id = $1", [user.id]);
  await signIn(request, user.email);
  const response = await request.get("/admin", { maxRedirects: 0 });
  expect(response.status()).toBe(404);
  const html = await response.text();
  expect(html).toContain("This page does not exist, or you do not have access to it.");
  expect(html).not.toContain("<table");
});

test("security headers: a nonce CSP on pages (fresh each time), no-store on /api, no HSTS over plain HTTP", async ({ request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const csp = first.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).not.toContain("unsafe-eval");
  const nonce = csp.match(/'nonce-([^']+)'/)![1]!;
  expect(second.headers()["content-security-policy"]).not.toContain(nonce);
  // Next.js stamps the nonce on its own scripts.
  expect(await first.text()).toContain(`nonce="${nonce}"`);
  expect(first.headers()["x-content-type-options"]).toBe("nosniff");
  expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  for (const path of ["/api/health", "/api/openapi.json", "/api/trpc/account.me", "/api/v1/tenant"]) {
    expect((await request.get(path)).headers()["cache-control"], path).toBe("no-store");
  }
  // Plain HTTP, and a client's own X-Forwarded-Proto does not make it TLS.
  expect(first.headers()["strict-transport-security"]).toBeUndefined();
  expect(
    (await request.get("/sign-in", { headers: { "x-forwarded-proto": "https" } })).headers()["strict-transport-security"],
  ).toBeUndefined();
});

test("a signed-in user's hostile callbackUrl stays on the app; malformed ones are no 500", async ({ request, seed }) => {
  const user = await seed.user("Rita Redirect");
  await signIn(request, user.email);
  for (const callback of [
    "/%09/evil.example",
    "/%0a/evil.example",
    "//evil.example",
    "/%5C%5Cevil.example",
    "/\\evil.example",
    "/ünïcödé",
    "javascript:alert(1)",
    "/%0a/x",
  ]) {
    const response = await request.get(`/sign-in?callbackUrl=${encodeURIComponent(decodeURIComponent(callback))}`, { maxRedirects: 0 });
    expect(response.status(), callback).toBeLessThan(500);
    const location = response.headers().location ?? "";
    expect([303, 307, 308], callback).toContain(response.status());
    expect(new URL(location, baseUrl()).origin, `${callback} → ${location}`).toBe(baseUrl());
    expect(location, callback).not.toMatch(/^\/\/|^\/\\|[\t\n\r]/);
  }
});

test("session API calls are limited per account: 429 with Retry-After past the allowance", async ({ request, seed }) => {
  test.setTimeout(120_000);
  const user = await seed.user("Hal Hammer");
  await signIn(request, user.email);
  let refused: Awaited<ReturnType<typeof request.get>> | null = null;
  for (let i = 0; i < 400 && !refused; i++) {
    const response = await request.get("/api/trpc/account.me");
    if (response.status() === 429) refused = response;
    else expect(response.status()).toBe(200);
  }
  expect(refused, "refused before 400 calls").not.toBeNull();
  expect(refused!.headers()["retry-after"]).toMatch(/^\d+$/);
  const body = (await refused!.json()) as { error: { data: { error: { details: { scope: string } } } } };
  expect(body.error.data.error.details.scope).toBe("user");
});

test("server actions: Next.js refuses one posted from a sibling origin (the sign-in form, submitted without JavaScript)", async ({
  request,
  playwright,
  seed,
}) => {
  const user = await seed.user("Sal Sibling");
  const html = await (await request.get("/sign-in")).text();
  // The sign-in form's own fields, as a browser without JavaScript would post them.
  const form = html.split("<form").find((f) => f.includes('name="email"'))!;
  const fields: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = tag.match(/name="([^"]+)"/)?.[1];
    const value = tag.match(/value="([^"]*)"/)?.[1] ?? "";
    if (name) fields[name] = value.replaceAll("&quot;", '"').replaceAll("&amp;", "&");
  }
  expect(
    Object.keys(fields).some((k) => k.startsWith("$ACTION")),
    "a server action form",
  ).toBe(true);
  const post = async (origin: string) => {
    const context = await playwright.request.newContext({ baseURL: baseUrl() });
    try {
      const response = await context.post("/sign-in", {
        headers: { origin },
        multipart: { ...fields, email: user.email, password: TEST_PASSWORD, callbackUrl: "/orgs" },
        maxRedirects: 0,
      });
      const signedIn = (await context.storageState()).cookies.some((c) => c.name === "authjs.session-token");
      return { status: response.status(), signedIn };
    } finally {
      await context.dispose();
    }
  };
  // Control: from our own origin the same post signs in.
  expect((await post(baseUrl())).signedIn).toBe(true);
  const sibling = await post(SIBLING);
  expect(sibling.signedIn).toBe(false);
  expect(sibling.status).toBeGreaterThanOrEqual(400);
});
