import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError, UnauthorizedError } from "@/server/errors";
import { inviteMember } from "@/server/tenancy/invite-member";
import { updateTenant } from "@/server/tenancy/update-tenant";
import { actInTenant, authenticateTenant, isTenantSuspended } from "@/server/tenancy/tenant-context";
import { whoami } from "@/server/tenancy/whoami";
import { createPgliteTestDatabase, type TestDatabase } from "../support/databases";
import { addMember, domainContext, seedTenant, seedUser } from "../support/callers";
import { auditRows } from "../support/failures";

/**
 * The tenant context without tRPC: what a script, a route handler or an Inngest function does.
 * Every principal goes through the same checks and writes the same audit rows.
 */
describe("the domain's tenant context", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("lets a member act through a session credential, with their role's permissions only", async () => {
    const org = await seedTenant(db);
    const viewer = await addMember(db, org, "viewer");
    const session = { kind: "session", userId: viewer.id, tenantSlug: org.tenant.slug } as const;
    const me = await actInTenant(domainContext(db), session, { permission: "tenant:read" }, async (ctx) => whoami(ctx));
    expect(me).toMatchObject({ type: "user", id: viewer.id, role: "viewer" });
    await expect(authenticateTenant(domainContext(db), session, { permission: "tenant:update" })).rejects.toMatchObject({
      code: "missing_permission",
    });
    const stranger = await seedUser(db);
    await expect(
      authenticateTenant(domainContext(db), { ...session, userId: stranger.id }, { permission: "tenant:read" }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("lets a system job act and records it as the system, by job name", async () => {
    const org = await seedTenant(db);
    const renamed = await actInTenant(
      domainContext(db),
      { kind: "system", tenantId: org.tenant.id, job: "nightly-rename" },
      { permission: "tenant:update" },
      (ctx) => updateTenant(ctx, { name: "Renamed by a job" }),
    );
    expect(renamed.name).toBe("Renamed by a job");
    expect((await auditRows(db, org.tenant.id)).at(-1)).toMatchObject({
      action: "tenant.updated",
      actor_type: "system",
      actor_id: "nightly-rename",
    });
    // A job granted a lesser role is held to it, like anyone.
    await expect(
      authenticateTenant(
        domainContext(db),
        { kind: "system", tenantId: org.tenant.id, job: "reader", role: "viewer" },
        { permission: "tenant:update" },
      ),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("keeps people-only work from keys, jobs and operators", async () => {
    const org = await seedTenant(db);
    await expect(
      authenticateTenant(
        domainContext(db),
        { kind: "system", tenantId: org.tenant.id, job: "x" },
        { permission: "tenant:read", peopleOnly: true },
      ),
    ).rejects.toMatchObject({ code: "session_only" });
  });

  it("lets only a platform operator act as one, audited with the reason, and records the change as platform", async () => {
    const org = await seedTenant(db);
    const operator = await seedUser(db, "Operator");
    const credential = {
      kind: "platform",
      tenantId: org.tenant.id,
      operatorId: operator.id,
      reason: "ticket 4711: customer asked",
    } as const;
    await expect(authenticateTenant(domainContext(db), credential, { permission: "member:invite" })).rejects.toMatchObject({
      code: "not_platform_operator",
    });

    await db.ownerSql("update users set is_platform_admin = true where id = $1", [operator.id]);
    await db.ownerSql("update tenants set status = 'suspended' where id = $1", [org.tenant.id]);
    // Members and ordinary jobs are refused in a suspended organisation (an ordinary job's Inngest
    // function holds on that refusal: inngest/hold.ts); an operator may still act, and so may a job
    // that keeps the platform's books, by its explicit allowance.
    await expect(
      authenticateTenant(
        domainContext(db),
        { kind: "session", userId: org.owner.id, tenantSlug: org.tenant.slug },
        { permission: "tenant:read" },
      ),
    ).rejects.toMatchObject({ code: "tenant_suspended" });
    const refused = await authenticateTenant(
      domainContext(db),
      { kind: "system", tenantId: org.tenant.id, job: "x" },
      { permission: "tenant:read" },
    ).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "tenant_suspended" });
    expect(isTenantSuspended(refused)).toBe(true);
    const bookkeeping = await authenticateTenant(
      domainContext(db),
      { kind: "system", tenantId: org.tenant.id, job: "stripe-billing", runsWhileSuspended: true },
      { permission: "tenant:read" },
    );
    expect(bookkeeping).toMatchObject({
      tenant: { id: org.tenant.id, status: "suspended" },
      principal: { type: "system", job: "stripe-billing" },
    });
    // The allowance is no wider than the job's role: a viewer-role job still may not update.
    await expect(
      authenticateTenant(
        domainContext(db),
        { kind: "system", tenantId: org.tenant.id, job: "stripe-billing", runsWhileSuspended: true, role: "viewer" },
        { permission: "tenant:update" },
      ),
    ).rejects.toMatchObject({ code: "missing_permission" });
    const result = await actInTenant(domainContext(db), credential, { permission: "member:invite" }, (ctx) =>
      inviteMember(ctx, { email: "support@example.test", role: "viewer" }),
    );
    expect(result.invitation.invitedByEmail).toBeNull();
    expect((await auditRows(db, org.tenant.id)).at(-1)).toMatchObject({
      action: "member.invited",
      actor_type: "platform",
      actor_id: operator.id,
      actor_label: null,
    });
    const [logged] = await db.ownerSql("select actor_id, reason from platform_audit_log where actor_id = $1 order by at desc limit 1", [
      operator.id,
    ]);
    expect(logged).toMatchObject({ actor_id: operator.id, reason: expect.stringContaining("ticket 4711") });
  });

  it("refuses a bad API key before touching the tenant", async () => {
    await expect(
      authenticateTenant(domainContext(db), { kind: "api_key", secret: "agt_nope" }, { permission: "tenant:read" }),
    ).rejects.toBeInstanceOf(UnauthorizedError);
  });
});
