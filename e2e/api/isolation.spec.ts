/**
 * Tenant isolation over real HTTP: another organisation's ids answer exactly like ids that do not
 * exist, for every `/api/v1` operation that takes one (read from the live OpenAPI document, so a
 * new endpoint is covered the day it ships), and usage and billing answer with the caller's own
 * tenant only. Bodies smuggling a tenant, a creator or a role: mass-assignment.spec.ts.
 */
import { randomUUID } from "node:crypto";
import { seedAgent, seedInvoice, seedUsage } from "../support/billing-seed";
import { expect, signIn, test } from "../support/fixtures";
import { bearer, expectError, expectOk } from "../support/http";
import { exampleOf, fillPath, type OpenApi } from "../support/openapi-examples";
import { resourceOf, seedVictim } from "../support/victim-tenant";

test("every /api/v1 operation that takes an id answers 404 for another tenant's id, the same as for a missing one", async ({
  request,
  seed,
  seedTenantWithKey,
}) => {
  const doc = await expectOk<OpenApi>(await request.get("/api/openapi.json"));
  const a = await seedTenantWithKey({ scopes: ["*"], role: "owner" });
  const b = await seedVictim(seed, request);

  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
  );
  const withId = operations.filter(({ op }) => (op.parameters ?? []).some((p) => p.in === "path"));
  expect(withId.length, "the document has operations that take an id").toBeGreaterThanOrEqual(7);

  const covered: string[] = [];
  for (const { path, method, op } of withId) {
    const resource = resourceOf(path, b.ids);
    const foreignId = b.ids[resource];
    expect(foreignId, `a real tenant-B id for /${resource} (add one to seedVictim for the new endpoint ${method} ${path})`).toBeTruthy();
    const schema = op.requestBody?.content["application/json"]?.schema;
    const body = schema ? exampleOf(schema, doc) : undefined;
    // Required query parameters (e.g. a DELETE's typed confirmation) get a well-formed value too.
    const query = new URLSearchParams(
      (op.parameters ?? []).filter((p) => p.in === "query" && p.required).map((p) => [p.name, String(exampleOf(p.schema, doc))]),
    ).toString();
    const call = (id: string) =>
      request.fetch(`/api/v1${fillPath(path, id)}${query ? `?${query}` : ""}`, {
        method,
        headers: { ...bearer(a.key.secret), ...(body === undefined ? {} : { "content-type": "application/json" }) },
        data: body === undefined ? undefined : JSON.stringify(body),
      });

    const foreign = await expectError(await call(foreignId!), 404);
    const missing = await expectError(await call(randomUUID()), 404);
    expect(foreign.error.code, `${method} ${path}: same code as a missing id`).toBe(missing.error.code);
    expect(foreign, `${method} ${path}: indistinguishable from a missing id`).toEqual(missing);

    if (method === "GET") {
      // The control: the id is real, and its own tenant reads it.
      await expectOk(await request.get(`/api/v1${fillPath(path, foreignId!)}`, { headers: bearer(b.key.secret) }));
    }
    covered.push(`${method} ${path}`);
  }
  expect(covered).toEqual(
    expect.arrayContaining([
      "GET /api-keys/{id}",
      "DELETE /api-keys/{id}",
      "GET /members/{userId}",
      "PATCH /members/{userId}",
      "DELETE /members/{userId}",
      "DELETE /invitations/{id}",
      "GET /audit-log/{id}",
      "GET /agents/{id}",
      "PATCH /agents/{id}",
      "DELETE /agents/{id}",
      "POST /agents/{id}/status",
      "GET /agents/{id}/versions",
      "GET /agents/{id}/versions/{version}",
      "GET /agents/{id}/provider-health",
      "POST /agents/{id}/runs",
      "GET /runs/{id}",
      "GET /runs/{id}/events",
      "GET /events/{id}",
      "GET /provider-credentials/{id}",
      "DELETE /provider-credentials/{id}",
      "GET /knowledge/collections/{id}",
      "PATCH /knowledge/collections/{id}",
      "DELETE /knowledge/collections/{id}",
      "GET /knowledge/documents/{id}",
      "DELETE /knowledge/documents/{id}",
      "DELETE /tools/allowed-hosts/{id}",
      "GET /incidents/{id}",
      "POST /incidents/{id}/status",
      "POST /incidents/{id}/comments",
      "GET /workflows/{id}",
      "PATCH /workflows/{id}",
      "DELETE /workflows/{id}",
      "POST /workflows/{id}/hook-secret",
      "POST /workflows/{id}/runs",
      "GET /workflows/{id}/runs",
      "GET /workflow-runs/{id}",
      "POST /workflow-runs/{id}/cancel",
      "POST /approvals/{id}/decision",
      "GET /webhooks/endpoints/{id}",
      "PATCH /webhooks/endpoints/{id}",
      "DELETE /webhooks/endpoints/{id}",
      "POST /webhooks/endpoints/{id}/rotate-secret",
      "POST /webhooks/endpoints/{id}/status",
      "POST /webhooks/endpoints/{id}/test",
      "GET /webhooks/endpoints/{id}/deliveries",
      "GET /webhooks/deliveries/{id}",
      "POST /webhooks/deliveries/{id}/resend",
      "POST /api-keys/{id}/reinstate",
      "POST /playbooks/responses/{id}/undo",
    ]),
  );

  // Nothing of B's was touched by A's attempts.
  const key = await expectOk<{ status: string }>(await request.get(`/api/v1/api-keys/${b.key.id}`, { headers: bearer(b.key.secret) }));
  expect(key.status).toBe("active");
  const member = await expectOk<{ role: string }>(
    await request.get(`/api/v1/members/${b.developer.id}`, { headers: bearer(b.key.secret) }),
  );
  expect(member.role).toBe("developer");
  const pending = await expectOk<{ items: { id: string; status: string }[] }>(
    await request.get("/api/v1/invitations", { headers: bearer(b.key.secret) }),
  );
  expect(pending.items.find((i) => i.id === b.invitation.id)?.status).toBe("pending");
  const actions = (await seed.auditRows(b.tenant.id)).map((r) => r.action);
  expect(actions).not.toContain("apikey.revoked");
  expect(actions).not.toContain("member.removed");
  expect(actions).not.toContain("member.role_changed");
  expect(actions).not.toContain("invitation.revoked");
  expect(actions).not.toContain("agent.updated");
  expect(actions).not.toContain("agent.status_changed");
  expect(actions).not.toContain("agent.archived");
  // Every table of the agents area still holds B's row exactly as B left it.
  const rows = await seed.ownerSql(
    `select (select count(*)::int from agents where tenant_id = $1 and archived_at is null and status = 'active' and current_version = 1) as agents,
            (select count(*)::int from provider_credentials where tenant_id = $1 and revoked_at is null) as credentials,
            (select count(*)::int from knowledge_collections where tenant_id = $1) as collections,
            (select count(*)::int from knowledge_documents where tenant_id = $1) as documents,
            (select count(*)::int from http_allowed_hosts where tenant_id = $1) as hosts,
            (select count(*)::int from incidents where tenant_id = $1 and status = 'open') as incidents,
            (select count(*)::int from incident_activity where tenant_id = $1 and kind = 'comment') as comments`,
    [b.tenant.id],
  );
  expect(rows[0]).toEqual({ agents: 1, credentials: 1, collections: 1, documents: 1, hosts: 1, incidents: 1, comments: 0 });
  const hooks = await seed.ownerSql(
    `select (select count(*)::int from webhook_endpoints where tenant_id = $1 and status = 'active' and secret_rotated_at is null) as endpoints,
            (select count(*)::int from webhook_deliveries where tenant_id = $1 and kind = 'test') as deliveries,
            (select count(*)::int from webhook_deliveries where tenant_id = $1 and kind = 'resend') as resends`,
    [b.tenant.id],
  );
  expect(hooks[0]).toEqual({ endpoints: 1, deliveries: 1, resends: 0 });
});

test("usage and billing: GET /usage and billing.overview answer with the caller's own tenant only", async ({
  playwright,
  request,
  seed,
}) => {
  const a = await seed.tenantWithKey({ scopes: ["usage:read"] });
  const b = await seed.tenantWithKey({ scopes: ["usage:read"] });
  const agentA = await seedAgent(seed, a.tenant.id, "A's agent");
  const agentB = await seedAgent(seed, b.tenant.id, "B's agent");
  await seedUsage(seed, a.tenant.id, [{ agentId: agentA, inputTokens: 11, outputTokens: 1, costMicros: 100 }]);
  await seedUsage(seed, b.tenant.id, [{ agentId: agentB, inputTokens: 22_222, outputTokens: 2, costMicros: 200_000 }]);
  await seedInvoice(seed, b.tenant.id, { number: "B-ONLY-1", url: "https://invoice.stripe.test/b", amount: 4900, issuedAt: new Date() });

  type Report = { totals: { runs: number; inputTokens: number }; lines: { agentId?: string }[] };
  for (const groupBy of ["day", "agent", "model"]) {
    const mine = await expectOk<Report>(await request.get(`/api/v1/usage?groupBy=${groupBy}`, { headers: bearer(a.key.secret) }));
    expect(mine.totals).toMatchObject({ runs: 1, inputTokens: 11 });
    expect(JSON.stringify(mine)).not.toContain(agentB);
  }

  // The page door: A's owner naming B's organisation gets B's nothing — the same answer as for an unknown slug.
  const session = await playwright.request.newContext();
  try {
    await signIn(session, a.owner.email);
    const own = await session.get("/api/trpc/billing.overview", { headers: { "x-agentry-tenant": a.slug } });
    expect(own.status()).toBe(200);
    const ownText = await own.text();
    expect(ownText).toContain("A's agent");
    expect(ownText).not.toContain("B-ONLY-1");
    const foreign = await session.get("/api/trpc/billing.overview", { headers: { "x-agentry-tenant": b.slug } });
    const unknown = await session.get("/api/trpc/billing.overview", { headers: { "x-agentry-tenant": `${b.slug}-nope` } });
    expect(foreign.status()).toBe(unknown.status());
    expect(foreign.status()).toBeGreaterThanOrEqual(400);
    const foreignText = await foreign.text();
    expect(foreignText).not.toContain("B-ONLY-1");
    expect(foreignText).not.toContain("B's agent");
  } finally {
    await session.dispose();
  }
});
