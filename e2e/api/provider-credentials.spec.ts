/**
 * Provider keys over REST with an API key: created (the key is in no response, ever), refused
 * with field errors when malformed (nothing written), invisible to another organisation, revoked
 * once; a key scoped `provider:read` reads but cannot add.
 */
import { expect, test } from "../support/fixtures";
import { bearer, expectError, expectOk } from "../support/http";

const SECRET = "sk-proj-rest-THE-WHOLE-SECRET-abcdef-9876";
type Credential = { id: string; name: string; provider: string; baseUrl: string | null; hint: string; status: string };

test("POST, GET and DELETE /provider-credentials never return the key", async ({ request, seed, seedTenantWithKey }) => {
  const org = await seedTenantWithKey();
  const auth = { headers: bearer(org.key.secret) };
  const created = await expectOk<Credential>(
    await request.post("/api/v1/provider-credentials", {
      ...auth,
      data: { name: "Claude", provider: "anthropic", apiKey: SECRET },
    }),
  );
  expect(created).toMatchObject({ name: "Claude", provider: "anthropic", baseUrl: null, hint: "9876", status: "active" });
  const listed = await request.get("/api/v1/provider-credentials", auth);
  const one = await request.get(`/api/v1/provider-credentials/${created.id}`, auth);
  for (const response of [listed, one]) {
    expect(response.status()).toBe(200);
    expect(await response.text()).not.toContain("THE-WHOLE-SECRET");
  }

  const bad = await request.post("/api/v1/provider-credentials", {
    ...auth,
    data: { name: "x", provider: "openai", apiKey: SECRET, baseUrl: "http://169.254.169.254/latest" },
  });
  const body = await expectError(bad, 400, "validation_failed");
  expect(JSON.stringify(body)).toContain("baseUrl");
  expect(JSON.stringify(body)).not.toContain("THE-WHOLE-SECRET");
  const [count] = await seed.ownerSql("select count(*)::int as n from provider_credentials where tenant_id = $1", [org.tenant.id]);
  expect(count!.n).toBe(1);

  const other = await seedTenantWithKey();
  await expectError(
    await request.get(`/api/v1/provider-credentials/${created.id}`, { headers: bearer(other.key.secret) }),
    404,
    "not_found",
  );
  await expectError(await request.delete(`/api/v1/provider-credentials/${created.id}`, { headers: bearer(other.key.secret) }), 404);

  const revoked = await expectOk<Credential>(await request.delete(`/api/v1/provider-credentials/${created.id}`, auth));
  expect(revoked.status).toBe("revoked");
  await expectError(await request.delete(`/api/v1/provider-credentials/${created.id}`, auth), 409, "already_revoked");
});

test("a key scoped provider:read lists keys but cannot add one", async ({ request, seedTenantWithKey }) => {
  const org = await seedTenantWithKey({ scopes: ["provider:read"] });
  const auth = { headers: bearer(org.key.secret) };
  await expectOk(await request.get("/api/v1/provider-credentials", auth));
  await expectError(
    await request.post("/api/v1/provider-credentials", { ...auth, data: { name: "x", provider: "openai", apiKey: SECRET } }),
    403,
    "missing_permission",
  );
});
