/**
 * Bad input over HTTP: a clear error in the one envelope, nothing changed. Malformed JSON, wrong
 * types (with field paths), a missing content type, oversized bodies (declared and chunked), and
 * request ids on every response.
 */
import http from "node:http";
import { baseUrl } from "../support/env";
import { expect, signIn, test } from "../support/fixtures";
import { assertEnvelope, bearer, expectError, expectOk } from "../support/http";

const MAX_BODY_BYTES = 1_048_576; // API_MAX_BODY_BYTES default: the server under test sets none.

/** Raw node:http, for what the Playwright client will not send: a chunked body, a bare POST. */
function rawRequest(options: { method: string; path: string; headers: Record<string, string>; chunks?: Buffer[] }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request(new URL(options.path, baseUrl()), { method: options.method, headers: options.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (c: Buffer) => parts.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString("utf8") }));
    });
    // The server may answer (413) and close before the whole body is written: that is the point.
    req.on("error", reject);
    (async () => {
      for (const chunk of options.chunks ?? []) {
        if (req.destroyed) return;
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
      }
      req.end();
    })().catch(reject);
  });
}

const countKeys = async (seed: { ownerSql: (q: string, p?: unknown[]) => Promise<Record<string, unknown>[]> }, tenantId: string) =>
  Number((await seed.ownerSql("select count(*)::int as n from api_keys where tenant_id = $1", [tenantId]))[0]!.n);

test("malformed JSON is 400 invalid_json, and nothing is created", async ({ request, seed, seedTenantWithKey }) => {
  const a = await seedTenantWithKey();
  // Buffers: Playwright would JSON-encode a string that does not parse.
  for (const body of ['{"name": "x", "scopes": ["tenant:read"]', "not json", '{"name": "x",}', "\u0000"]) {
    const response = await request.post("/api/v1/api-keys", {
      headers: { ...bearer(a.key.secret), "content-type": "application/json" },
      data: Buffer.from(body),
    });
    await expectError(response, 400, "invalid_json");
  }
  expect(await countKeys(seed, a.tenant.id)).toBe(1);
});

test("wrong types are 400 validation_failed naming each field", async ({ request, seed, seedTenantWithKey }) => {
  const a = await seedTenantWithKey();
  const body = await expectError(
    await request.post("/api/v1/api-keys", { headers: bearer(a.key.secret), data: { name: 5, scopes: "x" } }),
    400,
    "validation_failed",
  );
  const issues = (body.error.details as { issues: { path: string; message: string }[] }).issues;
  expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(["name", "scopes"]));
  for (const issue of issues) expect(issue.message.length).toBeGreaterThan(0);

  // Paths reach into nested values, and over-long names are refused the same way.
  const nested = await expectError(
    await request.post("/api/v1/api-keys", { headers: bearer(a.key.secret), data: { name: "n".repeat(81), scopes: ["tenant:read", 7] } }),
    400,
    "validation_failed",
  );
  expect((nested.error.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(
    expect.arrayContaining(["name", "scopes.1"]),
  );
  const badId = await expectError(
    await request.get("/api/v1/api-keys/not-a-uuid", { headers: bearer(a.key.secret) }),
    400,
    "validation_failed",
  );
  expect((badId.error.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain("id");
  const badRole = await expectError(
    await request.patch(`/api/v1/members/${a.owner.id}`, { headers: bearer(a.key.secret), data: { role: "superuser" } }),
    400,
    "validation_failed",
  );
  expect((badRole.error.details as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain("role");
  expect(await countKeys(seed, a.tenant.id)).toBe(1);
});

test("a POST without a JSON content type is 415", async ({ seed, seedTenantWithKey }) => {
  const a = await seedTenantWithKey();
  const payload = Buffer.from(JSON.stringify({ name: "no type", scopes: ["tenant:read"] }));
  const contentTypes: Record<string, string>[] = [
    {},
    { "content-type": "text/plain" },
    { "content-type": "application/x-www-form-urlencoded" },
  ];
  for (const headers of contentTypes) {
    const response = await rawRequest({
      method: "POST",
      path: "/api/v1/api-keys",
      headers: { ...bearer(a.key.secret), ...headers, "content-length": String(payload.length) },
      chunks: [payload],
    });
    expect(response.status, `${JSON.stringify(headers)} → ${response.text}`).toBe(415);
    expect(response.headers["content-type"]).toContain("application/json");
    expect(assertEnvelope(response.text).error.code).toBe("unsupported_media_type");
  }
  expect(await countKeys(seed, a.tenant.id)).toBe(1);
});

test("a body over API_MAX_BODY_BYTES is 413 payload_too_large, by Content-Length and when chunked", async ({
  request,
  seed,
  seedTenantWithKey,
}) => {
  const a = await seedTenantWithKey();
  const oversized = Buffer.from(JSON.stringify({ name: "big", scopes: ["tenant:read"], pad: "x".repeat(MAX_BODY_BYTES) }));

  const declared = await request.post("/api/v1/api-keys", {
    headers: { ...bearer(a.key.secret), "content-type": "application/json" },
    data: oversized,
  });
  const body = await expectError(declared, 413, "payload_too_large");
  expect(body.error.details).toMatchObject({ maxBytes: MAX_BODY_BYTES });

  // Chunked: no Content-Length, so the server must count as it reads.
  const chunks = Array.from({ length: Math.ceil(oversized.length / 65_536) }, (_, i) => oversized.subarray(i * 65_536, (i + 1) * 65_536));
  const chunked = await rawRequest({
    method: "POST",
    path: "/api/v1/api-keys",
    headers: { ...bearer(a.key.secret), "content-type": "application/json", "transfer-encoding": "chunked" },
    chunks,
  });
  expect(chunked.status, chunked.text).toBe(413);
  expect(chunked.headers["content-type"]).toContain("application/json");
  expect(assertEnvelope(chunked.text).error.code).toBe("payload_too_large");

  // The same body under the limit (chunked) goes through.
  const small = Buffer.from(JSON.stringify({ name: "small", scopes: ["tenant:read"] }));
  const ok = await rawRequest({
    method: "POST",
    path: "/api/v1/api-keys",
    headers: { ...bearer(a.key.secret), "content-type": "application/json", "transfer-encoding": "chunked" },
    chunks: [small],
  });
  expect(ok.status, ok.text).toBe(200);
  expect(await countKeys(seed, a.tenant.id), "only the small key was created").toBe(2);
});

test("every error is the envelope in JSON with no stack, path or SQL; request ids are set and echoed", async ({
  request,
  seedTenantWithKey,
}) => {
  const a = await seedTenantWithKey({ scopes: ["tenant:read"] });
  const failures = [
    await request.get("/api/v1/tenant"),
    await request.get("/api/v1/tenant", { headers: bearer("agt_short") }),
    await request.get("/api/v1/api-keys", { headers: bearer(a.key.secret) }),
    await request.get("/api/v1/no-such-endpoint", { headers: bearer(a.key.secret) }),
    await request.get("/api/v1/api-keys/00000000-0000-4000-8000-000000000000", { headers: bearer(a.key.secret) }),
    await request.fetch("/api/v1/tenant", { method: "PUT", headers: bearer(a.key.secret), data: {} }),
    await request.patch("/api/v1/tenant", {
      headers: { ...bearer(a.key.secret), "content-type": "application/json" },
      data: Buffer.from("{"),
    }),
    await request.patch("/api/v1/tenant", { headers: bearer(a.key.secret), data: { name: "\u0000 nul" } }),
  ];
  const statuses = [];
  for (const response of failures) {
    statuses.push(response.status());
    expect(response.status()).toBeGreaterThanOrEqual(400);
    expect(response.status(), "never a 500").toBeLessThan(500);
    await expectError(response, response.status());
  }
  expect(statuses.slice(0, 5)).toEqual([401, 401, 403, 404, 403]);

  // A valid incoming request id is echoed (on success and failure); a bad one is replaced.
  const mine = "e2e-request-0123456789";
  const echoed = await request.get("/api/v1/tenant", { headers: { ...bearer(a.key.secret), "x-request-id": mine } });
  await expectOk(echoed);
  expect(echoed.headers()["x-request-id"]).toBe(mine);
  const echoedError = await request.get("/api/v1/members", { headers: { ...bearer(a.key.secret), "x-request-id": mine } });
  await expectError(echoedError, 403, "missing_permission");
  expect(echoedError.headers()["x-request-id"]).toBe(mine);
  const replaced = await request.get("/api/v1/tenant", { headers: { ...bearer(a.key.secret), "x-request-id": "bad id <script>" } });
  expect(replaced.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  const trpc = await request.get("/api/trpc/tenant.get", { headers: { ...bearer(a.key.secret), "x-request-id": mine } });
  expect(trpc.headers()["x-request-id"]).toBe(mine);
});

test("over tRPC with a session: a duplicate slug is 409 slug_taken and an over-long name 400, nothing created", async ({
  playwright,
  seed,
}) => {
  const taken = await seed.tenant();
  const user = await seed.user();
  const session = await playwright.request.newContext();
  try {
    await signIn(session, user.email);
    type TrpcError = { error: { data: { httpStatus: number; error: { code: string; details?: { fields?: Record<string, string> } } } } };
    const duplicate = await session.post("/api/trpc/account.createTenant", { data: { name: "Second Acme", slug: taken.tenant.slug } });
    expect(duplicate.status()).toBe(409);
    expect(((await duplicate.json()) as TrpcError).error.data.error.code).toBe("slug_taken");
    const tooLong = await session.post("/api/trpc/account.createTenant", {
      data: { name: "n".repeat(81), slug: `${taken.tenant.slug}-x` },
    });
    expect(tooLong.status()).toBe(400);
    const body = (await tooLong.json()) as TrpcError;
    expect(body.error.data.error.code).toBe("validation_failed");
    expect(Object.keys(body.error.data.error.details?.fields ?? {})).toContain("name");
    expect(JSON.stringify(body)).not.toMatch(/stack|at \//);
  } finally {
    await session.dispose();
  }
  expect(await seed.as(user).account.tenants()).toEqual([]);
});
