/**
 * Mass assignment over real HTTP: bodies cannot smuggle a tenant, a creator, a revocation or a
 * role past the server — the extra fields are ignored and the other tenant is untouched.
 */
import { randomUUID } from "node:crypto";
import { expect, test } from "../support/fixtures";
import { bearer, expectError, expectOk } from "../support/http";

test("mass assignment: POST /api-keys ignores tenantId, createdBy, revokedAt and role in the body", async ({
  request,
  seed,
  seedTenantWithKey,
}) => {
  const a = await seedTenantWithKey({ scopes: ["tenant:read", "apikey:*"], role: "developer" });
  const b = await seed.tenantWithKey();
  const response = await request.post("/api/v1/api-keys", {
    headers: bearer(a.key.secret),
    data: {
      name: "smuggler",
      scopes: ["tenant:read"],
      tenantId: b.tenant.id,
      createdBy: b.owner.id,
      revokedAt: "2020-01-01T00:00:00.000Z",
      role: "owner",
      status: "revoked",
    },
  });
  const created = await expectOk<{
    key: { id: string; createdBy: string; revokedAt: string | null; status: string; scopes: string[] };
    secret: string;
  }>(response);
  expect(created.key.createdBy, "the creator is the caller's key's creator").toBe(a.creator.id);
  expect(created.key.revokedAt).toBeNull();
  expect(created.key.status).toBe("active");
  expect(created.key.scopes).toEqual(["tenant:read"]);

  // It lives in A: A reads it, B cannot, and the new secret acts in A as a developer's key.
  await expectOk(await request.get(`/api/v1/api-keys/${created.key.id}`, { headers: bearer(a.key.secret) }));
  await expectError(await request.get(`/api/v1/api-keys/${created.key.id}`, { headers: bearer(b.key.secret) }), 404, "not_found");
  const tenant = await expectOk<{ id: string }>(await request.get("/api/v1/tenant", { headers: bearer(created.secret) }));
  expect(tenant.id).toBe(a.tenant.id);
  const me = await expectOk<{ role: string; permissions: string[] }>(await request.get("/api/v1/me", { headers: bearer(created.secret) }));
  expect(me.role).toBe("developer");
  expect(me.permissions).toEqual(["tenant:read"]);
  const bCreated = (await seed.auditRows(b.tenant.id)).filter((r) => r.action === "apikey.created");
  expect(bCreated, "B's log holds only its own key's creation").toHaveLength(1);
});

test("mass assignment: PATCH /members/{userId} and POST /invitations with tenantId do not touch the other tenant", async ({
  request,
  seed,
  seedTenantWithKey,
}) => {
  const a = await seedTenantWithKey({ scopes: ["*"] });
  const b = await seed.tenantWithKey();
  // Someone who is a developer in both organisations.
  const both = await seed.member(a, "developer");
  await seed.join(b, both, "developer");

  const patched = await expectOk<{ role: string }>(
    await request.patch(`/api/v1/members/${both.id}`, {
      headers: bearer(a.key.secret),
      data: { role: "viewer", tenantId: b.tenant.id, userId: b.owner.id },
    }),
  );
  expect(patched.role).toBe("viewer");
  expect((await seed.as(a.owner, a.slug).members.get({ userId: both.id })).role).toBe("viewer");
  expect((await seed.as(b.owner, b.slug).members.get({ userId: both.id })).role, "B's membership is untouched").toBe("developer");
  expect((await seed.as(b.owner, b.slug).members.get({ userId: b.owner.id })).role, "B's owner is untouched").toBe("owner");

  const email = `mass-${randomUUID().slice(0, 8)}@example.test`;
  await expectOk(
    await request.post("/api/v1/invitations", { headers: bearer(a.key.secret), data: { email, role: "viewer", tenantId: b.tenant.id } }),
  );
  expect((await seed.as(a.owner, a.slug).invitations.list()).items.map((i) => i.email)).toContain(email);
  expect((await seed.as(b.owner, b.slug).invitations.list()).items.map((i) => i.email)).not.toContain(email);
  const bActions = (await seed.auditRows(b.tenant.id)).map((r) => r.action);
  expect(bActions).not.toContain("member.role_changed");
  expect(bActions.filter((x) => x === "member.invited")).toHaveLength(1); // only `both`'s own invitation
});
