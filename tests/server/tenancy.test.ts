import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteTestDatabase, createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { addMember, callerFor, seedTenant, seedUser, uniqueSlug } from "../support/callers";
import { auditRows, countRows, failure, issuePaths } from "../support/failures";

describe("organisations and members", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  describe("creating", () => {
    it("makes the creator its owner and records tenant.created", async () => {
      const user = await seedUser(db, "Founder");
      const slug = uniqueSlug("acme");
      const tenant = await callerFor(db, { user }).account.createTenant({ name: "  Acme Labs  ", slug: `  ${slug.toUpperCase()} ` });
      expect(tenant).toMatchObject({ slug, name: "Acme Labs", status: "active", planId: "free" });
      const mine = await callerFor(db, { user }).account.tenants();
      expect(mine).toEqual([{ id: tenant.id, slug, name: "Acme Labs", role: "owner", status: "active" }]);
      const members = await db.ownerSql("select user_id::text, role from memberships where tenant_id = $1", [tenant.id]);
      expect(members).toEqual([{ user_id: user.id, role: "owner" }]);
      const audit = await auditRows(db, tenant.id);
      expect(audit.map((r) => [r.seq, r.action, r.actor_id])).toEqual([[1, "tenant.created", user.id]]);
      expect([audit[0]!.diff, audit[0]!.personal]).toEqual([{ slug }, { name: "Acme Labs" }]);
    });

    it("refuses a taken slug with 409 slug_taken and writes nothing", async () => {
      const org = await seedTenant(db);
      const other = await seedUser(db);
      const before = await Promise.all(["tenants", "memberships", "audit_log"].map((t) => countRows(db, t)));
      const f = await failure(
        callerFor(db, { user: other }).account.createTenant({ name: "Copycat", slug: org.tenant.slug.toUpperCase() }),
      );
      expect(f).toMatchObject({ code: "CONFLICT", httpStatus: 409, error: { code: "slug_taken", details: { field: "slug" } } });
      expect(f.error.message).toContain(org.tenant.slug);
      const after = await Promise.all(["tenants", "memberships", "audit_log"].map((t) => countRows(db, t)));
      expect(after).toEqual(before);
      expect(await callerFor(db, { user: other }).account.tenants()).toEqual([]);
    });

    it("refuses invalid and reserved slugs with 400 on the slug field", async () => {
      const user = await seedUser(db);
      const before = await countRows(db, "tenants");
      for (const slug of ["ab", "-abc", "abc-", "a--b", "has space", "ünï", "under_score", "admin", "api", "settings", ""]) {
        const f = await failure(callerFor(db, { user }).account.createTenant({ name: "Valid name", slug }));
        expect(f.code, slug).toBe("BAD_REQUEST");
        expect(f.error.code).toBe("invalid_slug");
        expect(Object.keys((f.error.details?.fields ?? {}) as object)).toEqual(["slug"]);
      }
      const long = await failure(callerFor(db, { user }).account.createTenant({ name: "Valid name", slug: "a".repeat(41) }));
      expect(issuePaths(long)).toEqual(["slug"]);
      expect(await countRows(db, "tenants")).toBe(before);
    });

    it("refuses over-long and too-short names with the field path", async () => {
      const user = await seedUser(db);
      for (const name of ["x".repeat(81), "x", "   "]) {
        const f = await failure(callerFor(db, { user }).account.createTenant({ name, slug: uniqueSlug() }));
        expect(f).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400, error: { code: "validation_failed" } });
        expect(issuePaths(f)).toEqual(["name"]);
      }
      const ok = await callerFor(db, { user }).account.createTenant({ name: "x".repeat(80), slug: uniqueSlug() });
      expect(ok.name).toHaveLength(80);
    });
  });

  it("renames with an audit diff, and records nothing when nothing changes", async () => {
    const org = await seedTenant(db);
    const renamed = await org.as(org.owner).tenant.update({ name: "Renamed Org" });
    expect(renamed).toMatchObject({ id: org.tenant.id, name: "Renamed Org", slug: org.tenant.slug });
    let audit = await auditRows(db, org.tenant.id);
    expect(audit.at(-1)).toMatchObject({
      action: "tenant.updated",
      diff: { fields: ["name"] },
      personal: { name: { from: org.tenant.name, to: "Renamed Org" } },
    });
    await org.as(org.owner).tenant.update({ name: "Renamed Org" });
    audit = await auditRows(db, org.tenant.id);
    expect(audit.filter((r) => r.action === "tenant.updated")).toHaveLength(1);
    const viewer = await addMember(db, org, "viewer");
    expect((await failure(org.as(viewer).tenant.update({ name: "Hijacked" }))).error.code).toBe("missing_permission");
    expect((await org.as(org.owner).tenant.get()).name).toBe("Renamed Org");
  });

  describe("deleting", () => {
    it("requires the exact slug and changes nothing otherwise", async () => {
      const org = await seedTenant(db);
      const { secret } = await org.as(org.owner).apiKeys.create({ name: "k", scopes: ["tenant:read"] });
      const auditBefore = (await auditRows(db, org.tenant.id)).length;
      for (const confirmSlug of ["wrong", org.tenant.slug.toUpperCase(), ` ${org.tenant.slug}`, ""]) {
        const f = await failure(org.as(org.owner).tenant.delete({ confirmSlug }));
        expect(f).toMatchObject({ code: "BAD_REQUEST", error: { code: "confirmation_mismatch" } });
      }
      const admin = await addMember(db, org, "admin");
      expect((await failure(org.as(admin).tenant.delete({ confirmSlug: org.tenant.slug }))).error.code).toBe("missing_permission");
      expect((await org.as(org.owner).tenant.get()).status).toBe("active");
      expect((await callerFor(db, { apiKey: secret }).tenant.get()).id).toBe(org.tenant.id);
      // Only the admin's joining was recorded since.
      expect((await auditRows(db, org.tenant.id)).slice(auditBefore).map((r) => r.action)).toEqual([
        "member.invited",
        "invitation.accepted",
      ]);
    });

    it("hides the organisation, stops its keys and invitations, and frees its slug", async () => {
      const org = await seedTenant(db);
      const dev = await addMember(db, org, "developer");
      const { secret } = await org.as(dev).apiKeys.create({ name: "k", scopes: ["tenant:read"] });
      const invite = await org.as(org.owner).invitations.create({ email: "later@example.test", role: "viewer" });
      const token = invite.link.split("/invite/")[1]!;
      expect(await org.as(org.owner).tenant.delete({ confirmSlug: org.tenant.slug })).toEqual({ deleted: true });

      expect((await callerFor(db, { user: org.owner }).account.tenants()).map((t) => t.id)).not.toContain(org.tenant.id);
      expect(await callerFor(db, { user: dev }).account.tenants()).toEqual([]);
      expect((await failure(org.as(org.owner).tenant.get())).code).toBe("NOT_FOUND");
      expect((await failure(org.as(dev).members.list({}))).code).toBe("NOT_FOUND");
      expect((await failure(callerFor(db, { apiKey: secret }).tenant.get())).code).toBe("UNAUTHORIZED");
      expect((await failure(callerFor(db).invitations.preview({ token }))).code).toBe("NOT_FOUND");
      const audit = await auditRows(db, org.tenant.id);
      expect(audit.at(-1)).toMatchObject({ action: "tenant.deleted", diff: { slug: org.tenant.slug } });

      // Someone else can take the slug at once…
      const stranger = await seedUser(db);
      const reused = await callerFor(db, { user: stranger }).account.createTenant({ name: "Second life", slug: org.tenant.slug });
      expect(reused.id).not.toBe(org.tenant.id);
      expect((await callerFor(db, { user: stranger, tenantSlug: org.tenant.slug }).tenant.get()).id).toBe(reused.id);
      // …and the former owner's stale view of the slug does not follow them there.
      expect((await failure(org.as(org.owner).tenant.get())).code).toBe("NOT_FOUND");
    });

    it("lets the same owner recreate a deleted slug and use it straight away", async () => {
      const org = await seedTenant(db);
      await org.as(org.owner).tenant.get(); // the slug is now known to this process
      await org.as(org.owner).tenant.delete({ confirmSlug: org.tenant.slug });
      const again = await callerFor(db, { user: org.owner }).account.createTenant({ name: "Phoenix", slug: org.tenant.slug });
      const got = await org.as(org.owner).tenant.get();
      expect(got).toMatchObject({ id: again.id, name: "Phoenix", status: "active" });
    });
  });

  describe("listing members", () => {
    it("pages by keyset: owners first then by e-mail, every member once even when someone joins between pages", async () => {
      const org = await seedTenant(db);
      for (const role of ["viewer", "developer", "admin", "viewer", "owner", "developer"] as const) await addMember(db, org, role);
      const rank = { owner: 0, admin: 1, developer: 2, viewer: 3 };
      const seen: { userId: string; email: string; role: keyof typeof rank }[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await org.as(org.owner).members.list({ limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        // A newcomer sorting before the cursor must not shift the rest (an offset would repeat a row).
        if (pages++ === 1) await addMember(db, org, "admin");
      } while (cursor);
      expect(new Set(seen.map((m) => m.userId)).size).toBe(seen.length);
      expect(seen.length).toBe(7);
      const sorted = [...seen].sort((a, b) => rank[a.role] - rank[b.role] || (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
      expect(seen.map((m) => m.userId)).toEqual(sorted.map((m) => m.userId));
    });

    it("refuses a forged cursor with a 400, not a database error", async () => {
      const org = await seedTenant(db);
      const forged = Buffer.from(JSON.stringify([0, "a@example.com", "x'); drop table users; --"])).toString("base64url");
      expect(await failure(org.as(org.owner).members.list({ cursor: forged }))).toMatchObject({
        httpStatus: 400,
        error: { code: "invalid_cursor" },
      });
    });
  });

  describe("roles", () => {
    it("lets nobody hand out a role above their own; viewers cannot change roles at all", async () => {
      const org = await seedTenant(db);
      const admin = await addMember(db, org, "admin");
      const dev = await addMember(db, org, "developer");
      const viewer = await addMember(db, org, "viewer");
      const tooHigh = await failure(org.as(admin).members.updateRole({ userId: dev.id, role: "owner" }));
      expect(tooHigh).toMatchObject({ code: "FORBIDDEN", error: { code: "role_too_high" } });
      expect((await failure(org.as(admin).members.updateRole({ userId: org.owner.id, role: "viewer" }))).error.code).toBe("role_too_high");
      expect((await failure(org.as(admin).members.remove({ userId: org.owner.id }))).error.code).toBe("role_too_high");
      for (const actor of [viewer, dev]) {
        const f = await failure(org.as(actor).members.updateRole({ userId: dev.id, role: "viewer" }));
        expect(f).toMatchObject({ code: "FORBIDDEN", error: { code: "missing_permission", details: { required: "member:update" } } });
      }
      const roles = Object.fromEntries((await org.as(org.owner).members.list({})).items.map((m) => [m.userId, m.role]));
      expect(roles).toEqual({ [org.owner.id]: "owner", [admin.id]: "admin", [dev.id]: "developer", [viewer.id]: "viewer" });
      const promoted = await org.as(admin).members.updateRole({ userId: dev.id, role: "admin" });
      expect(promoted.role).toBe("admin");
      const audit = await auditRows(db, org.tenant.id);
      expect(audit.at(-1)).toMatchObject({
        action: "member.role_changed",
        target_id: dev.id,
        diff: { role: { from: "developer", to: "admin" } },
      });
    });

    it("keeps at least one owner: the last owner can neither leave nor be demoted", async () => {
      const org = await seedTenant(db);
      const demote = await failure(org.as(org.owner).members.updateRole({ userId: org.owner.id, role: "admin" }));
      expect(demote).toMatchObject({ code: "CONFLICT", error: { code: "last_owner" } });
      expect((await failure(org.as(org.owner).members.leave())).error.code).toBe("last_owner");
      expect((await failure(org.as(org.owner).members.remove({ userId: org.owner.id }))).error.code).toBe("last_owner");
      expect((await org.as(org.owner).tenant.whoami()).role).toBe("owner");

      const second = await addMember(db, org, "owner");
      expect((await org.as(org.owner).members.updateRole({ userId: org.owner.id, role: "admin" })).role).toBe("admin");
      // Now `second` is the only owner.
      expect((await failure(org.as(second).members.leave())).error.code).toBe("last_owner");
      await org.as(second).members.updateRole({ userId: org.owner.id, role: "owner" });
      expect(await org.as(second).members.leave()).toEqual({ removed: true });
      expect((await failure(org.as(second).tenant.get())).code).toBe("NOT_FOUND");
      const audit = await auditRows(db, org.tenant.id);
      expect(audit.at(-1)).toMatchObject({ action: "member.left", actor_id: second.id, target_id: second.id });
    });

    it("cuts a removed member off on their very next call", async () => {
      const org = await seedTenant(db);
      const dev = await addMember(db, org, "developer");
      expect((await org.as(dev).tenant.get()).id).toBe(org.tenant.id);
      await org.as(org.owner).members.remove({ userId: dev.id });
      const f = await failure(org.as(dev).tenant.get());
      expect(f).toMatchObject({ code: "NOT_FOUND", httpStatus: 404 });
      expect((await failure(org.as(dev).members.list({}))).code).toBe("NOT_FOUND");
      expect(await callerFor(db, { user: dev }).account.tenants()).toEqual([]);
      expect((await failure(org.as(org.owner).members.get({ userId: dev.id }))).code).toBe("NOT_FOUND");
      // A stranger's organisation answers the same as one that does not exist.
      const unknown = await failure(callerFor(db, { user: dev, tenantSlug: uniqueSlug("nobody") }).tenant.get());
      expect(f.error).toEqual(unknown.error);
    });
  });

  it("refuses a suspended organisation to members and keys alike (403), but still lists it", async () => {
    const org = await seedTenant(db);
    const { secret } = await org.as(org.owner).apiKeys.create({ name: "k", scopes: ["tenant:read"] });
    await db.ownerSql("update tenants set status = 'suspended' where id = $1", [org.tenant.id]);
    for (const call of [org.as(org.owner).tenant.get(), callerFor(db, { apiKey: secret }).tenant.get()]) {
      expect(await failure(call)).toMatchObject({ code: "FORBIDDEN", error: { code: "tenant_suspended" } });
    }
    expect(await callerFor(db, { user: org.owner }).account.tenants()).toMatchObject([{ id: org.tenant.id, status: "suspended" }]);
  });

  describe("mass assignment", () => {
    it("ignores tenantId and other extras in members.updateRole", async () => {
      const a = await seedTenant(db);
      const b = await seedTenant(db);
      const both = await addMember(db, a, "developer");
      const invite = await b.as(b.owner).invitations.create({ email: both.email, role: "developer" });
      await callerFor(db, { user: both }).invitations.accept({ token: invite.link.split("/invite/")[1]! });
      const input = { userId: both.id, role: "viewer" as const, tenantId: b.tenant.id, id: randomUUID(), createdAt: "1970-01-01" };
      await a.as(a.owner).members.updateRole(input);
      expect((await a.as(a.owner).members.get({ userId: both.id })).role).toBe("viewer");
      expect((await b.as(b.owner).members.get({ userId: both.id })).role).toBe("developer");
      expect((await auditRows(db, b.tenant.id)).map((r) => r.action)).not.toContain("member.role_changed");
    });

    it("ignores createdBy, tenantId and id in apiKeys.create", async () => {
      const a = await seedTenant(db);
      const b = await seedTenant(db);
      const forcedId = randomUUID();
      const input = {
        name: "sneaky",
        scopes: ["tenant:read"],
        createdBy: b.owner.id,
        tenantId: b.tenant.id,
        id: forcedId,
        secretHash: "0".repeat(64),
      };
      const { key, secret } = await a.as(a.owner).apiKeys.create(input);
      expect(key.id).not.toBe(forcedId);
      const [row] = await db.ownerSql("select tenant_id::text, created_by::text, secret_hash from api_keys where id = $1", [key.id]);
      expect(row).toMatchObject({ tenant_id: a.tenant.id, created_by: a.owner.id });
      expect(row!.secret_hash).not.toBe("0".repeat(64));
      expect((await callerFor(db, { apiKey: secret }).tenant.get()).id).toBe(a.tenant.id);
      expect(await countRows(db, "api_keys", b.tenant.id)).toBe(0);
    });

    it("ignores plan, status and slug extras when creating or renaming", async () => {
      const user = await seedUser(db);
      const slug = uniqueSlug();
      const created = await callerFor(db, { user }).account.createTenant({
        name: "Plain",
        slug,
        planId: "enterprise",
        status: "suspended",
        id: randomUUID(),
      } as { name: string; slug: string });
      expect(created).toMatchObject({ planId: "free", status: "active", slug });
      const renamed = await callerFor(db, { user, tenantSlug: slug }).tenant.update({
        name: "Plainer",
        slug: "other-slug",
        planId: "enterprise",
      } as { name: string });
      expect(renamed).toMatchObject({ slug, planId: "free", name: "Plainer" });
    });
  });
});

describe("organisation races on Postgres", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("gives a slug to exactly one of several simultaneous creators; the rest get 409 slug_taken", async () => {
    const users = await Promise.all([1, 2, 3, 4, 5].map((i) => seedUser(db, `Racer ${i}`)));
    const slug = uniqueSlug("race");
    const results = await Promise.allSettled(users.map((user) => callerFor(db, { user }).account.createTenant({ name: "Race", slug })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected")
        expect(await failure(Promise.reject(r.reason))).toMatchObject({ code: "CONFLICT", error: { code: "slug_taken" } });
    }
    expect(await db.ownerSql("select count(*)::int as n from tenants where slug = $1", [slug])).toEqual([{ n: 1 }]);
    expect(await countRows(db, "audit_log")).toBe(1);
  });

  it("lets only one of two owners demote the other at the same moment", async () => {
    const org = await seedTenant(db);
    const second = await addMember(db, org, "owner");
    const results = await Promise.allSettled([
      org.as(org.owner).members.updateRole({ userId: second.id, role: "admin" }),
      org.as(second).members.updateRole({ userId: org.owner.id, role: "admin" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((await failure(Promise.reject(rejected.reason))).error.code).toMatch(/^(last_owner|role_too_high)$/);
    const owners = await db.ownerSql("select count(*)::int as n from memberships where tenant_id = $1 and role = 'owner'", [org.tenant.id]);
    expect(owners).toEqual([{ n: 1 }]);
  });
});
