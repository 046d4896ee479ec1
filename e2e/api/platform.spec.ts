/** Operations endpoints and the API description: liveness, readiness, and the OpenAPI document. */
import { appRouter } from "@/server/trpc/root";
import { expect, test } from "../support/fixtures";
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
  for (const portalOnly of ["tenant.delete", "members.leave", "account.createTenant", "invitations.accept", "admin.tenants"]) {
    expect(restNames).not.toContain(portalOnly);
  }
});
