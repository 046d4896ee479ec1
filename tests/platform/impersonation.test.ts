import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveTenantAccess, runInTenant } from "@/server/tenancy/tenant-context";
import { callerFor, domainContext, seedTenant, type SeededUser } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { failure, issuePaths } from "../support/failures";
import { consoleAs, seedOperator, tenantAudit } from "./support";

/**
 * Impersonation on a real PostgreSQL: an operator's session may open a tenant they are not a
 * member of only while an impersonation is active, reads as a viewer, can write nothing (by
 * permission through every door, and by a read-only transaction underneath), and loses access
 * the moment it ends or expires. Start and end land in the tenant's audit log.
 */
let db: TestDatabase;
let operator: SeededUser;

beforeAll(async () => {
  db = await createPostgresTestDatabase({ max: 8 });
  operator = await seedOperator(db);
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe("impersonation", () => {
  it("gives a read-only, time-boxed look, audited in the tenant's log, and 404 once ended", async () => {
    const org = await seedTenant(db);
    await org.as(org.owner).agents.create({ template: "customer-service", name: "Support" });
    const asOperator = callerFor(db, { user: operator, tenantSlug: org.tenant.slug });
    const pageDoor = callerFor(db, { user: operator, tenantSlug: org.tenant.slug, door: "page" });

    // Not a member, no impersonation: the organisation does not exist for them.
    expect((await failure(asOperator.tenant.get())).httpStatus).toBe(404);

    const started = await consoleAs(db, operator).impersonate({ tenantId: org.tenant.id, reason: "ticket 88: cannot see runs" });
    const minutes = (Date.parse(started.expiresAt) - Date.parse(started.startedAt)) / 60_000;
    expect(minutes).toBeCloseTo(15, 5);
    // Asking again while active hands back the same one.
    expect((await consoleAs(db, operator).impersonate({ tenantId: org.tenant.id, reason: "ticket 88: once more" })).id).toBe(started.id);

    const me = await asOperator.tenant.whoami();
    expect(me).toMatchObject({ type: "platform", id: operator.id, role: "viewer" });
    expect(me.permissions.every((p) => p.endsWith(":read"))).toBe(true);
    expect((await asOperator.agents.list({})).items.map((a) => a.name)).toEqual(["Support"]);
    expect((await pageDoor.agents.list({})).items).toHaveLength(1);
    expect(await consoleAs(db, operator).currentImpersonation({ tenantSlug: org.tenant.slug })).toMatchObject({ id: started.id });

    // Mutations: refused through the API door and the page door (what server actions use).
    for (const caller of [asOperator, pageDoor]) {
      for (const call of [
        () => caller.agents.create({ template: "customer-service", name: "Sneaky" }),
        () => caller.tenant.update({ name: "Renamed" }),
        () => caller.apiKeys.create({ name: "k", scopes: ["*"] }),
        () => caller.members.leave(),
      ]) {
        expect((await failure(call())).httpStatus).toBe(403);
      }
    }
    expect(await db.ownerSql("select name from tenants where id = $1", [org.tenant.id])).toEqual([{ name: org.tenant.name }]);
    expect(await db.ownerSql("select count(*)::int as n from agents where tenant_id = $1", [org.tenant.id])).toEqual([{ n: 1 }]);

    // Underneath the permissions: the impersonation's transaction is read-only.
    const access = await resolveTenantAccess(domainContext(db), { kind: "session", userId: operator.id, tenantSlug: org.tenant.slug });
    expect(access.impersonation?.id).toBe(started.id);
    const write = await runInTenant(domainContext(db), access, (ctx) =>
      ctx.tx.execute(sql`update tenants set name = 'x' where id = ${org.tenant.id}`),
    ).then(
      () => null,
      (error: { cause?: { code?: string } }) => error,
    );
    // 25006: read_only_sql_transaction.
    expect(write?.cause?.code).toBe("25006");

    // The tenant's own audit log shows it, by the platform actor, with the reason.
    const [startedRow] = await tenantAudit(db, org.tenant.id, "impersonation.started");
    expect(startedRow).toMatchObject({ actor_type: "platform", actor_id: operator.id, target_id: org.tenant.id });
    expect(startedRow!.personal).toEqual({ reason: "ticket 88: cannot see runs" });
    expect(await tenantAudit(db, org.tenant.id, "impersonation.started")).toHaveLength(1);
    // …and the tenant's owner can read it there.
    const ownersView = await org.as(org.owner).audit.list({ action: "impersonation.started" });
    expect(ownersView.items.map((i) => i.action)).toEqual(["impersonation.started"]);

    await consoleAs(db, operator).endImpersonation({ impersonationId: started.id });
    expect((await failure(asOperator.agents.list({}))).httpStatus).toBe(404);
    // (A page door authenticates once per render: the next render is a new caller.)
    const nextRender = callerFor(db, { user: operator, tenantSlug: org.tenant.slug, door: "page" });
    expect((await failure(nextRender.tenant.get())).httpStatus).toBe(404);
    const [endedRow] = await tenantAudit(db, org.tenant.id, "impersonation.ended");
    expect(endedRow).toMatchObject({ actor_type: "platform", diff: expect.objectContaining({ impersonationId: started.id }) });
    expect(await consoleAs(db, operator).currentImpersonation({ tenantSlug: org.tenant.slug })).toBeNull();
  });

  it("expires on the server's clock: past expires_at, the same session gets 404", async () => {
    const org = await seedTenant(db);
    const started = await consoleAs(db, operator).impersonate({ tenantId: org.tenant.id, reason: "checking expiry works" });
    const asOperator = callerFor(db, { user: operator, tenantSlug: org.tenant.slug });
    expect((await asOperator.tenant.get()).id).toBe(org.tenant.id);
    await db.ownerSql("update impersonations set expires_at = now() - interval '1 second' where id = $1", [started.id]);
    expect((await failure(asOperator.tenant.get())).httpStatus).toBe(404);
  });

  it("is for operators only, needs a real reason, and ends with the operator flag", async () => {
    const org = await seedTenant(db);
    const other = await seedTenant(db);
    // A member of another organisation cannot start one (404) nor use a slug they do not belong to.
    expect(
      (await failure(callerFor(db, { user: other.owner }).admin.impersonate({ tenantId: org.tenant.id, reason: "let me in please" })))
        .httpStatus,
    ).toBe(404);
    const short = await failure(consoleAs(db, operator).impersonate({ tenantId: org.tenant.id, reason: "short" }));
    expect(short.httpStatus).toBe(400);
    expect(issuePaths(short)).toContain("reason");
    expect(await db.ownerSql("select 1 from impersonations where target_tenant_id = $1", [org.tenant.id])).toEqual([]);

    const second = await seedOperator(db, "Second operator");
    await consoleAs(db, second).impersonate({ tenantId: org.tenant.id, reason: "operator leaving soon" });
    const asSecond = callerFor(db, { user: second, tenantSlug: org.tenant.slug });
    expect((await asSecond.tenant.get()).id).toBe(org.tenant.id);
    // Another operator's impersonation is not theirs to use.
    expect((await failure(callerFor(db, { user: operator, tenantSlug: org.tenant.slug }).tenant.get())).httpStatus).toBe(404);
    await db.ownerSql("update users set is_platform_admin = false where id = $1", [second.id]);
    expect((await failure(asSecond.tenant.get())).httpStatus).toBe(404);
  });
});
