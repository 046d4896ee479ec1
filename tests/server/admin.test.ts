import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteTestDatabase, type TestDatabase } from "../support/databases";
import { resetPassword } from "@/server/auth/password-reset";
import { addMember, callerFor, domainContext, seedTenant, seedUser, uniqueEmail, type SeededUser } from "../support/callers";
import { failure } from "../support/failures";

describe("admin (platform console)", () => {
  let db: TestDatabase;
  let admin: SeededUser;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
    // Flag set in the database, as an operator would; the session carries what the database says.
    const user = await seedUser(db, "Operator");
    await db.ownerSql("update users set is_platform_admin = true where id = $1", [user.id]);
    admin = { ...user, isPlatformAdmin: true };
  });
  afterAll(async () => {
    await db.drop();
  });

  it("does not exist (404) for anyone who is not a platform admin, including organisation owners", async () => {
    const org = await seedTenant(db);
    await expect(callerFor(db, { user: { ...org.owner, isPlatformAdmin: false } }).admin.tenants({})).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callerFor(db, { user: null }).admin.tenants({})).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is not an API-key door: a bearer key is no session (404)", async () => {
    const org = await seedTenant(db);
    const { secret } = await org.as(org.owner).apiKeys.create({ name: "k", scopes: ["tenant:read"] });
    await expect(callerFor(db, { apiKey: secret }).admin.tenants({})).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists organisations across tenants with plan, status and member counts, newest first, paginated", async () => {
    const a = await seedTenant(db);
    await addMember(db, a, "developer");
    await addMember(db, a, "viewer");
    const b = await seedTenant(db);
    await b.as(b.owner).tenant.delete({ confirmSlug: b.tenant.slug });
    const c = await seedTenant(db);

    const asAdmin = callerFor(db, { user: admin });
    const all = await asAdmin.admin.tenants({ limit: 200 });
    const bySlug = new Map(all.items.map((t) => [t.slug, t]));
    expect(bySlug.get(a.tenant.slug)).toMatchObject({
      name: a.tenant.name,
      planId: "free",
      planName: "Free",
      status: "active",
      members: 3,
    });
    expect(bySlug.get(c.tenant.slug)).toMatchObject({ members: 1, status: "active" });
    // Deleted organisations stay visible to operators (their audit log outlives them).
    expect(bySlug.get(b.tenant.slug)).toMatchObject({ status: "deleted" });
    // Newest first.
    const created = all.items.map((t) => Date.parse(t.createdAt));
    expect([...created].sort((x, y) => y - x)).toEqual(created);

    // Two at a time, every organisation exactly once.
    const seen: string[] = [];
    for (let page = 1; page <= all.pageCount * 100; page++) {
      const got = await asAdmin.admin.tenants({ limit: 2, page });
      expect(got.items.length).toBeLessThanOrEqual(2);
      seen.push(...got.items.map((t) => t.id));
      if (page >= got.pageCount) break;
    }
    expect(seen).toEqual(all.items.map((t) => t.id));
  });

  it("records every look across tenants in platform_audit_log, with who and why", async () => {
    const before = await db.ownerSql("select count(*)::int as n from platform_audit_log where actor_id = $1", [admin.id]);
    await callerFor(db, { user: admin, headers: { "x-request-id": "req-admin-test-0001" } }).admin.tenants({});
    const rows = await db.ownerSql("select * from platform_audit_log where actor_id = $1 order by at desc", [admin.id]);
    expect(rows).toHaveLength((before[0]!.n as number) + 1);
    expect(rows[0]).toMatchObject({ actor_type: "user", actor_id: admin.id, request_id: "req-admin-test-0001" });
    expect(String(rows[0]!.reason)).toMatch(/list organisations/);
  });

  it("answers 400 for a page that is not a positive number or an unknown sort", async () => {
    await expect(callerFor(db, { user: admin }).admin.tenants({ page: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(callerFor(db, { user: admin }).admin.tenants({ sort: "evil" as "name" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  describe("one-time password reset link", () => {
    it("is issued by an operator only, audited with the reason, and works once", async () => {
      const user = await seedUser(db, "Locked Out");
      const org = await seedTenant(db);
      await expect(
        callerFor(db, { user: { ...org.owner, isPlatformAdmin: false } }).admin.issueResetLink({
          email: user.email,
          reason: "asked by phone",
        }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(callerFor(db).admin.issueResetLink({ email: user.email, reason: "asked by phone" })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      expect(await db.ownerSql("select 1 from password_reset_tokens where user_id = $1", [user.id])).toEqual([]);

      const asAdmin = callerFor(db, { user: admin, headers: { "x-request-id": "req-reset-link-0001" } });
      const issued = await asAdmin.admin.issueResetLink({ email: ` ${user.email.toUpperCase()} `, reason: "ticket 4711: lost access" });
      expect(issued).toMatchObject({
        link: expect.stringMatching(/^http:\/\/localhost:3000\/reset-password\/[A-Za-z0-9_-]{43}$/),
        expiresInMinutes: 60,
      });
      const [audit] = await db.ownerSql("select * from platform_audit_log where request_id = 'req-reset-link-0001'");
      expect(audit).toMatchObject({ actor_type: "user", actor_id: admin.id });
      expect(String(audit!.reason)).toContain(user.id);
      expect(String(audit!.reason)).toContain("ticket 4711: lost access");
      // Stored hashed only.
      const token = issued.link.split("/").pop()!;
      const stored = await db.ownerSql("select token_hash from password_reset_tokens where user_id = $1", [user.id]);
      expect(stored.map((r) => r.token_hash)).not.toContain(token);

      expect(await resetPassword(domainContext(db), { token: token, password: "Operator-Issued-Pass-1" })).toEqual({ userId: user.id });
      await expect(resetPassword(domainContext(db), { token: token, password: "Operator-Issued-Pass-2" })).rejects.toMatchObject({
        code: "invalid_reset_token",
      });
    });

    it("needs a reason, and says when there is no such account (operators may know)", async () => {
      const asAdmin = callerFor(db, { user: admin });
      const noReason = await failure(asAdmin.admin.issueResetLink({ email: uniqueEmail("x"), reason: " " }));
      expect(noReason.code).toBe("BAD_REQUEST");
      await expect(asAdmin.admin.issueResetLink({ email: uniqueEmail("ghost"), reason: "checking" })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    });
  });
});
