/**
 * The agents API over real HTTP with an API key: the REST routes generated from the agents
 * router, their field-path errors, status codes and scopes.
 */
import { expect, test } from "../support/fixtures";
import { bearer, expectError, expectOk } from "../support/http";

type Agent = {
  id: string;
  name: string;
  status: string;
  currentVersion: number;
  archivedAt: string | null;
  config: Record<string, unknown>;
  changed?: boolean;
};

test("create from a template, read, search, edit into versions, change status, archive — all under /api/v1", async ({
  request,
  seedTenantWithKey,
}) => {
  const org = await seedTenantWithKey({ scopes: ["agent:*"], role: "developer" });
  const headers = { ...bearer(org.key.secret), "content-type": "application/json" };
  const post = (path: string, body: unknown) => request.post(`/api/v1${path}`, { headers, data: JSON.stringify(body) });

  const templates = await expectOk<{ items: { id: string; provider: string }[] }>(
    await request.get("/api/v1/agent-templates", { headers }),
  );
  expect(templates.items.map((t) => t.id)).toContain("customer-service");

  const agent = await expectOk<Agent>(await post("/agents", { template: "customer-service", name: "Helpdesk", tenantId: org.tenant.id }));
  expect(agent).toMatchObject({ name: "Helpdesk", status: "active", currentVersion: 1, archivedAt: null });
  expect(JSON.stringify(agent)).not.toContain('canary"');
  expect(await expectOk<Agent>(await request.get(`/api/v1/agents/${agent.id}`, { headers }))).toEqual(agent);

  // Bad input names its field; nothing is created.
  const unknownProvider = await expectError(await post("/agents", { name: "x", model: { provider: "gemini", model: "g" } }), 400);
  expect(Object.keys(unknownProvider.error.details!.fields as object)).toContain("model.provider");
  const missingKey = await expectError(await post("/agents", { name: "x", model: { provider: "openai", model: "gpt-4o-mini" } }), 400);
  expect(Object.keys(missingKey.error.details!.fields as object)).toEqual(["model.credentialId"]);
  const unknownKey = await expectError(
    await post("/agents", { name: "x", model: { provider: "anthropic", model: "claude", credentialId: crypto.randomUUID() } }),
    400,
    "unknown_credential",
  );
  expect(unknownKey.error.details).toMatchObject({ fields: { "model.credentialId": expect.any(String) } });
  const list = await expectOk<{ items: Agent[] }>(await request.get("/api/v1/agents?q=help", { headers }));
  expect(list.items.map((a) => a.id)).toEqual([agent.id]);

  const patch = (body: unknown) => request.patch(`/api/v1/agents/${agent.id}`, { headers, data: JSON.stringify(body) });
  const same = await expectOk<Agent>(await patch({ name: "Helpdesk" }));
  expect(same).toMatchObject({ changed: false, currentVersion: 1 });
  const v2 = await expectOk<Agent>(await patch({ temperature: 0.9, currentVersion: 7, status: "disabled" }));
  expect(v2).toMatchObject({ changed: true, currentVersion: 2, status: "active", config: { temperature: 0.9 } });
  const versions = await expectOk<{ items: { version: number; changedFields: string[] }[] }>(
    await request.get(`/api/v1/agents/${agent.id}/versions`, { headers }),
  );
  expect(versions.items).toMatchObject([
    { version: 2, changedFields: ["temperature"] },
    { version: 1, changedFields: [] },
  ]);
  await expectOk(await request.get(`/api/v1/agents/${agent.id}/versions/1`, { headers }));
  await expectError(await request.get(`/api/v1/agents/${agent.id}/versions/3`, { headers }), 404, "not_found");

  await expectError(await post(`/agents/${agent.id}/status`, { status: "quarantined" }), 400, "status_reason_required");
  const quarantined = await expectOk<Agent>(await post(`/agents/${agent.id}/status`, { status: "quarantined", reason: "Leaked a card" }));
  expect(quarantined.status).toBe("quarantined");
  const filtered = await expectOk<{ items: Agent[] }>(await request.get("/api/v1/agents?status=quarantined", { headers }));
  expect(filtered.items.map((a) => a.id)).toEqual([agent.id]);

  const archived = await expectOk<Agent>(await request.delete(`/api/v1/agents/${agent.id}`, { headers }));
  expect(archived.archivedAt).not.toBeNull();
  await expectError(await request.delete(`/api/v1/agents/${agent.id}`, { headers }), 409, "agent_archived");
  await expectError(await patch({ name: "again" }), 409, "agent_archived");
  expect((await expectOk<{ items: Agent[] }>(await request.get("/api/v1/agents", { headers }))).items).toEqual([]);
});

test("a key without agent scopes is refused; a read-only key reads but cannot write", async ({ request, seedTenantWithKey }) => {
  const reader = await seedTenantWithKey({ scopes: ["agent:read"], role: "owner" });
  const headers = { ...bearer(reader.key.secret), "content-type": "application/json" };
  await expectOk(await request.get("/api/v1/agents", { headers }));
  await expectError(await request.post("/api/v1/agents", { headers, data: JSON.stringify({ name: "no" }) }), 403, "missing_permission");
  const other = await seedTenantWithKey({ scopes: ["tenant:read"], role: "owner" });
  await expectError(await request.get("/api/v1/agents", { headers: bearer(other.key.secret) }), 403, "missing_permission");
});
