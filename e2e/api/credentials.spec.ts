/**
 * Who may call: scopes bound a key (403), revoked and expired keys and keys of the wrong shape
 * are refused (401), and the same procedures answer over tRPC with a key or with a session.
 */
import { generateApiKeySecret } from "@/server/auth/api-key-format";
import { expect, signIn, test } from "../support/fixtures";
import { bearer, expectError, expectOk } from "../support/http";

test("a key with too few scopes gets 403 missing_permission, and never more than its creator's role", async ({
  request,
  seed,
  seedTenantWithKey,
}) => {
  const a = await seedTenantWithKey({ scopes: ["tenant:read"], role: "owner" });
  await expectOk(await request.get("/api/v1/tenant", { headers: bearer(a.key.secret) }));
  for (const [method, path] of [
    ["GET", "/api/v1/api-keys"],
    ["GET", "/api/v1/members"],
    ["GET", "/api/v1/audit-log"],
    ["PATCH", "/api/v1/tenant"],
  ] as const) {
    const response = await request.fetch(path, {
      method,
      headers: bearer(a.key.secret),
      data: method === "PATCH" ? { name: "Renamed by a reader" } : undefined,
    });
    const body = await expectError(response, 403, "missing_permission");
    expect(body.error.details).toMatchObject({ required: expect.stringMatching(/^[a-z]+:[a-z]+$/) });
  }
  expect((await seed.as(a.owner, a.slug).tenant.get()).name, "nothing changed").toBe(a.tenant.name);

  // A developer's key with apikey:* loses apikey:create the moment its creator becomes a viewer.
  const dev = await seedTenantWithKey({ scopes: ["tenant:read", "apikey:*"], role: "developer" });
  await expectOk(await request.get("/api/v1/api-keys", { headers: bearer(dev.key.secret) }));
  await seed.as(dev.owner, dev.slug).members.updateRole({ userId: dev.creator.id, role: "viewer" });
  await expectError(
    await request.post("/api/v1/api-keys", { headers: bearer(dev.key.secret), data: { name: "more", scopes: ["tenant:read"] } }),
    403,
    "missing_permission",
  );
  await expectOk(await request.get("/api/v1/api-keys", { headers: bearer(dev.key.secret) }));
});

test("a revoked key gets 401 api_key_revoked; revoking it again is 409", async ({ request, seed, seedTenantWithKey }) => {
  const a = await seedTenantWithKey();
  const victim = await seed.key(a, a.owner, ["tenant:read"], "to revoke");
  await expectOk(await request.get("/api/v1/tenant", { headers: bearer(victim.secret) }));
  await expectOk(await request.delete(`/api/v1/api-keys/${victim.id}`, { headers: bearer(a.key.secret) }));
  await expectError(await request.get("/api/v1/tenant", { headers: bearer(victim.secret) }), 401, "api_key_revoked");
  await expectError(await request.delete(`/api/v1/api-keys/${victim.id}`, { headers: bearer(a.key.secret) }), 409, "already_revoked");
});

test("an expired key gets 401 api_key_expired", async ({ request, seed, seedTenantWithKey }) => {
  const a = await seedTenantWithKey({ scopes: ["tenant:read"] });
  await expectOk(await request.get("/api/v1/tenant", { headers: bearer(a.key.secret) }));
  await seed.ownerSql("update api_keys set expires_at = now() - interval '1 minute' where id = $1", [a.key.id]);
  await expectError(await request.get("/api/v1/tenant", { headers: bearer(a.key.secret) }), 401, "api_key_expired");
});

test("credentials of the wrong shape get 401 invalid_api_key or invalid_authorization_header", async ({ request, seedTenantWithKey }) => {
  const a = await seedTenantWithKey({ scopes: ["tenant:read"] });
  const last = a.key.secret.at(-1)!;
  const wrongChecksum = a.key.secret.slice(0, -1) + (last === "A" ? "B" : "A");
  const cases: [string, Record<string, string>, string][] = [
    ["too short", { authorization: "Bearer agt_short" }, "invalid_api_key"],
    ["wrong checksum", { authorization: `Bearer ${wrongChecksum}` }, "invalid_api_key"],
    ["wrong prefix", { authorization: `Bearer sk_${a.key.secret.slice(4)}` }, "invalid_api_key"],
    ["well-formed but unknown", { authorization: `Bearer ${generateApiKeySecret()}` }, "invalid_api_key"],
    ["no Bearer", { authorization: a.key.secret }, "invalid_authorization_header"],
    ["Basic", { authorization: `Basic ${Buffer.from("user:pass").toString("base64")}` }, "invalid_authorization_header"],
    ["empty", { authorization: "" }, "invalid_authorization_header"],
    ["nothing at all", {}, "unauthorized"],
  ];
  for (const [label, headers, code] of cases) {
    const body = await expectError(await request.get("/api/v1/tenant", { headers }), 401);
    expect(body.error.code, label).toBe(code);
    expect(body.error.message, `${label}: the secret is never echoed`).not.toContain(a.key.secret.slice(12));
  }
});

test("tRPC answers with an API key (Bearer) and with a session cookie + x-agentry-tenant", async ({
  playwright,
  request,
  seed,
  seedTenantWithKey,
}) => {
  const a = await seedTenantWithKey({ scopes: ["tenant:read"] });

  const withKey = await expectOk<{ result: { data: { id: string; slug: string } } }>(
    await request.get("/api/trpc/tenant.get", { headers: bearer(a.key.secret) }),
  );
  expect(withKey.result.data).toMatchObject({ id: a.tenant.id, slug: a.slug });
  const refused = await request.get("/api/trpc/tenant.get", { headers: bearer("agt_short") });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { data: { error: { code: string } } } }).error.data.error.code).toBe("invalid_api_key");

  // A fresh cookie jar: sign in as the owner through Auth.js.
  const session = await playwright.request.newContext();
  try {
    await signIn(session, a.owner.email);
    const viaSession = await expectOk<{ result: { data: { id: string } } }>(
      await session.get("/api/trpc/tenant.get", { headers: { "x-agentry-tenant": a.slug } }),
    );
    expect(viaSession.result.data.id).toBe(a.tenant.id);
    const whoami = await expectOk<{ result: { data: { type: string; role: string } } }>(
      await session.get("/api/trpc/tenant.whoami", { headers: { "x-agentry-tenant": a.slug } }),
    );
    expect(whoami.result.data).toMatchObject({ type: "user", role: "owner" });

    // Without the header the session does not know which organisation; another's slug is a 404.
    const noTenant = await session.get("/api/trpc/tenant.get");
    expect(noTenant.status()).toBe(400);
    expect(((await noTenant.json()) as { error: { data: { error: { code: string } } } }).error.data.error.code).toBe("tenant_required");
    const other = await seed.tenant();
    expect((await session.get("/api/trpc/tenant.get", { headers: { "x-agentry-tenant": other.tenant.slug } })).status()).toBe(404);

    // The session works on REST too (same procedures).
    await expectOk(await session.get("/api/v1/tenant", { headers: { "x-agentry-tenant": a.slug } }));
  } finally {
    await session.dispose();
  }
});
