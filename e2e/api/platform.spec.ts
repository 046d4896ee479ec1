/** Operations endpoints and the API description: liveness, readiness, and the OpenAPI document. */
import { appRouter } from "@/server/trpc/root";
import { expect, signIn, test } from "../support/fixtures";
import { expectOk } from "../support/http";

test("/api/health is 200 and /api/ready reports the database and Redis ok", async ({ request }) => {
  expect(await expectOk(await request.get("/api/health"))).toEqual({ status: "ok" });
  const ready = await expectOk<{ ready: boolean; checks: { name: string; ok: boolean; detail?: string }[] }>(
    await request.get("/api/ready"),
  );
  expect(ready.ready).toBe(true);
  expect(ready.checks).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ name: "database", ok: true, detail: "postgres" }),
      expect.objectContaining({ name: "redis", ok: true }),
    ]),
  );
  // Readiness says what it checked, never where: no connection strings.
  expect(JSON.stringify(ready)).not.toMatch(/postgres:\/\/|redis:\/\/|http:\/\//);
});

type Doc = {
  openapi: string;
  info: { title: string; version: string };
  servers: { url: string }[];
  components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
  paths: Record<string, Record<string, { operationId: string; security?: Record<string, string[]>[] }>>;
};

test("/api/openapi.json is OpenAPI 3.1 with bearer auth and every procedure that has meta.openapi", async ({ request, baseURL }) => {
  const response = await request.get("/api/openapi.json");
  expect(response.headers()["content-type"]).toContain("application/json");
  const doc = await expectOk<Doc>(response);
  expect(doc.openapi).toMatch(/^3\.1\./);
  expect(doc.info.title).toBeTruthy();
  expect(doc.servers[0]!.url).toBe(`${baseURL}/api/v1`);
  expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });

  // What the router declares, read from the router itself.
  const declared = Object.entries(
    appRouter._def.procedures as unknown as Record<string, { _def: { meta?: { openapi?: { method: string; path: string } } } }>,
  )
    .filter(([, procedure]) => procedure._def.meta?.openapi)
    .map(([name, procedure]) => ({
      name,
      method: procedure._def.meta!.openapi!.method.toLowerCase(),
      path: procedure._def.meta!.openapi!.path,
    }));
  expect(declared.length).toBeGreaterThanOrEqual(18);

  const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  expect(documented.map((d) => `${d.method} ${d.path}`).sort()).toEqual(declared.map((d) => `${d.method} ${d.path}`).sort());
  for (const { name, method, path } of declared) {
    const op = doc.paths[path]?.[method];
    expect(op, `${name} is documented as ${method.toUpperCase()} ${path}`).toBeTruthy();
    expect(op!.security, `${name} requires the bearer key`).toEqual([{ bearer: [] }]);
  }

  // Session-only and portal-only procedures stay off the REST door.
  const restNames = declared.map((d) => d.name);
  for (const portalOnly of [
    "tenant.delete",
    "members.leave",
    "account.createTenant",
    "invitations.accept",
    "admin.tenants",
    "admin.suspend",
    "admin.impersonate",
  ]) {
    expect(restNames).not.toContain(portalOnly);
  }
});

test("the platform console is a 404 to everyone but an operator, through every door", async ({ playwright, baseURL, seed }) => {
  const org = await seed.tenantWithKey();
  const stranger = await seed.user("Nina Nonadmin");
  const operator = await seed.user("Otto Operator");
  await seed.ownerSql("update users set is_platform_admin = true where id = $1", [operator.id]);
  const sameOrigin = { origin: baseURL!, "sec-fetch-site": "same-origin" };
  const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
  const batchInput = input({ 0: {}, 1: { tenantId: org.tenant.id } });

  const tryEveryDoor = async (request: import("@playwright/test").APIRequestContext, headers: Record<string, string> = {}) => {
    const statuses: Record<string, number> = {};
    for (const path of ["/admin", "/admin/tenants", `/admin/tenants/${org.tenant.id}`]) {
      const r = await request.get(path, { headers, maxRedirects: 0 });
      statuses[path] = r.status();
      if (r.status() === 404) expect(await r.text()).not.toContain(org.tenant.name);
    }
    statuses.query = (await request.get(`/api/trpc/admin.tenants?input=${input({})}`, { headers })).status();
    const batch = await request.get(`/api/trpc/admin.tenants,admin.tenant?batch=1&input=${batchInput}`, { headers });
    statuses.batch = batch.status();
    const items = (await batch.json()) as { error?: { data?: { httpStatus?: number } } }[];
    expect(items.map((i) => i.error?.data?.httpStatus)).toEqual([404, 404]);
    statuses.mutation = (
      await request.post("/api/trpc/admin.suspend", {
        headers: { ...headers, ...sameOrigin },
        data: { tenantId: org.tenant.id, reason: "should not work" },
      })
    ).status();
    statuses.rest = (await request.get("/api/v1/admin/tenants", { headers })).status();
    return statuses;
  };

  // Anonymous: pages send to sign-in (they never render), every API door is a 404.
  const anonymous = await playwright.request.newContext({ baseURL });
  const anon = await tryEveryDoor(anonymous);
  expect(anon).toMatchObject({ query: 404, batch: 404, mutation: 404, rest: 404 });
  for (const path of ["/admin", "/admin/tenants"]) expect([302, 303, 307]).toContain(anon[path]);

  // A signed-in member who is not an operator, and a bearer API key: 404 everywhere, pages included.
  const member = await playwright.request.newContext({ baseURL });
  await signIn(member, stranger.email);
  const all404 = {
    "/admin": 404,
    "/admin/tenants": 404,
    [`/admin/tenants/${org.tenant.id}`]: 404,
    query: 404,
    batch: 404,
    mutation: 404,
    rest: 404,
  };
  expect(await tryEveryDoor(member)).toEqual(all404);
  const keyed = await playwright.request.newContext({ baseURL });
  expect(await tryEveryDoor(keyed, { authorization: `Bearer ${org.key.secret}` })).toMatchObject({
    query: 404,
    batch: 404,
    mutation: 404,
    rest: 404,
  });
  // Nothing happened to the tenant.
  expect(await seed.ownerSql("select status from tenants where id = $1", [org.tenant.id])).toEqual([{ status: "active" }]);

  // The operator, for contrast: the same doors open.
  const op = await playwright.request.newContext({ baseURL });
  await signIn(op, operator.email);
  expect((await op.get(`/admin/tenants/${org.tenant.id}`)).status()).toBe(200);
  expect((await op.get(`/api/trpc/admin.tenants?input=${input({ q: org.tenant.slug })}`)).status()).toBe(200);
  for (const ctx of [anonymous, member, keyed, op]) await ctx.dispose();
});
