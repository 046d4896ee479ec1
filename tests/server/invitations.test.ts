import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteTestDatabase, createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { addMember, callerFor, seedTenant, seedUser, uniqueEmail, type SeededUser } from "../support/callers";
import { auditRows, countRows, failure } from "../support/failures";

function tokenOf(link: string): string {
  const match = link.match(/^http:\/\/localhost:3000\/invite\/([A-Za-z0-9_-]+)$/);
  if (!match) throw new Error(`not an invitation link: ${link}`);
  return match[1]!;
}

describe("invitations", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  /** Membership rows, pending invitations and audit rows: what "nothing changed" compares. */
  async function snapshot(tenantId: string) {
    return {
      members: await countRows(db, "memberships", tenantId),
      invitations: await db.ownerSql(
        "select id::text, accepted_at, revoked_at, expires_at from invitations where tenant_id = $1 order by created_at",
        [tenantId],
      ),
      audit: (await auditRows(db, tenantId)).length,
    };
  }

  it("invites by a link with a 43-character token, stored only as its hash", async () => {
    const org = await seedTenant(db);
    const email = uniqueEmail("invitee");
    const result = await org.as(org.owner).invitations.create({ email: email.toUpperCase(), role: "developer" });
    const token = tokenOf(result.link);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.emailed).toBe(false);
    expect(result.invitation).toMatchObject({ email, role: "developer", status: "pending", invitedByEmail: org.owner.email });
    const ttl = new Date(result.invitation.expiresAt).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(6.9 * 86_400_000);
    expect(ttl).toBeLessThan(7.1 * 86_400_000);
    const [row] = await db.ownerSql("select * from invitations where id = $1", [result.invitation.id]);
    expect(JSON.stringify(row)).not.toContain(token);
    const listed = await org.as(org.owner).invitations.list();
    expect(listed.items.map((i) => i.id)).toEqual([result.invitation.id]);

    const invitee = await seedUser(db, "Invitee", email);
    expect(await callerFor(db, { user: invitee }).invitations.accept({ token })).toEqual({
      tenantSlug: org.tenant.slug,
      role: "developer",
    });
    expect((await callerFor(db, { user: invitee }).account.tenants()).map((t) => [t.id, t.role])).toEqual([[org.tenant.id, "developer"]]);
    expect((await org.as(invitee).tenant.whoami()).role).toBe("developer");
    expect((await org.as(org.owner).invitations.list()).items).toEqual([]);
    expect((await auditRows(db, org.tenant.id)).slice(-2).map((r) => r.action)).toEqual(["member.invited", "invitation.accepted"]);
  });

  it("shows a preview without signing in", async () => {
    const org = await seedTenant(db, "Olga Owner");
    const email = uniqueEmail();
    const { link } = await org.as(org.owner).invitations.create({ email, role: "viewer" });
    const preview = await callerFor(db).invitations.preview({ token: tokenOf(link) });
    expect(preview).toMatchObject({
      tenantName: org.tenant.name,
      tenantSlug: org.tenant.slug,
      email,
      role: "viewer",
      inviter: "Olga Owner",
      status: "pending",
    });
    const user = await seedUser(db, "V", email);
    await callerFor(db, { user }).invitations.accept({ token: tokenOf(link) });
    expect((await callerFor(db).invitations.preview({ token: tokenOf(link) })).status).toBe("accepted");
    expect((await failure(callerFor(db).invitations.accept({ token: tokenOf(link) }))).code).toBe("UNAUTHORIZED");
  });

  it("re-inviting the same address revokes the previous link", async () => {
    const org = await seedTenant(db);
    const email = uniqueEmail();
    const first = await org.as(org.owner).invitations.create({ email, role: "viewer" });
    expect(first.replaced).toEqual([]);
    const second = await org.as(org.owner).invitations.create({ email, role: "developer" });
    expect(tokenOf(first.link)).not.toBe(tokenOf(second.link));
    // Said in the answer (the UI tells the inviter), and audited as a change of its own.
    expect(second.replaced).toEqual([first.invitation.id]);
    const [revoked, invited] = (await auditRows(db, org.tenant.id)).slice(-2);
    expect(revoked).toMatchObject({
      action: "invitation.revoked",
      target_id: first.invitation.id,
      diff: { reason: "replaced", replacedBy: second.invitation.id },
      personal: { email },
    });
    expect(invited).toMatchObject({ action: "member.invited", target_id: second.invitation.id, diff: { role: "developer" } });
    expect((await callerFor(db).invitations.preview({ token: tokenOf(first.link) })).status).toBe("revoked");
    expect((await org.as(org.owner).invitations.list()).items.map((i) => i.id)).toEqual([second.invitation.id]);
    const user = await seedUser(db, "U", email);
    const f = await failure(callerFor(db, { user }).invitations.accept({ token: tokenOf(first.link) }));
    expect(f).toMatchObject({ code: "CONFLICT", httpStatus: 409, error: { code: "invitation_revoked" } });
    expect(await callerFor(db, { user }).invitations.accept({ token: tokenOf(second.link) })).toMatchObject({ role: "developer" });
  });

  it("refuses an expired invitation with 400 and changes nothing", async () => {
    const org = await seedTenant(db);
    const email = uniqueEmail();
    const { link, invitation } = await org.as(org.owner).invitations.create({ email, role: "developer" });
    await db.ownerSql("update invitations set expires_at = now() - interval '1 second' where id = $1", [invitation.id]);
    const user = await seedUser(db, "Late", email);
    const before = await snapshot(org.tenant.id);
    const f = await failure(callerFor(db, { user }).invitations.accept({ token: tokenOf(link) }));
    expect(f).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400, error: { code: "invitation_expired" } });
    expect(await snapshot(org.tenant.id)).toEqual(before);
    expect((await callerFor(db).invitations.preview({ token: tokenOf(link) })).status).toBe("expired");
    expect(await callerFor(db, { user }).account.tenants()).toEqual([]);
  });

  it("works once: accepting twice is a 409", async () => {
    const org = await seedTenant(db);
    const email = uniqueEmail();
    const { link } = await org.as(org.owner).invitations.create({ email, role: "viewer" });
    const user = await seedUser(db, "Twice", email);
    await callerFor(db, { user }).invitations.accept({ token: tokenOf(link) });
    const before = await snapshot(org.tenant.id);
    const f = await failure(callerFor(db, { user }).invitations.accept({ token: tokenOf(link) }));
    expect(f).toMatchObject({ code: "CONFLICT", error: { code: "invitation_already_accepted" } });
    expect(await snapshot(org.tenant.id)).toEqual(before);
    // Nor can someone else ride on the used link.
    const other = await seedUser(db);
    expect((await failure(callerFor(db, { user: other }).invitations.accept({ token: tokenOf(link) }))).error.code).toBe(
      "invitation_already_accepted",
    );
  });

  it("refuses revoked invitations, and revoking twice or after acceptance", async () => {
    const org = await seedTenant(db);
    const email = uniqueEmail();
    const { link, invitation } = await org.as(org.owner).invitations.create({ email, role: "viewer" });
    expect(await org.as(org.owner).invitations.revoke({ id: invitation.id })).toMatchObject({ id: invitation.id, status: "revoked" });
    expect((await failure(org.as(org.owner).invitations.revoke({ id: invitation.id }))).error.code).toBe("already_revoked");
    const user = await seedUser(db, "R", email);
    const before = await snapshot(org.tenant.id);
    const f = await failure(callerFor(db, { user }).invitations.accept({ token: tokenOf(link) }));
    expect(f).toMatchObject({ code: "CONFLICT", error: { code: "invitation_revoked" } });
    expect(await snapshot(org.tenant.id)).toEqual(before);

    const accepted = await org.as(org.owner).invitations.create({ email: uniqueEmail(), role: "viewer" });
    const joiner = await seedUser(db, "J", accepted.invitation.email);
    await callerFor(db, { user: joiner }).invitations.accept({ token: tokenOf(accepted.link) });
    expect((await failure(org.as(org.owner).invitations.revoke({ id: accepted.invitation.id }))).error.code).toBe("already_accepted");
  });

  it("binds the invitation to its address: another signed-in account gets 403", async () => {
    const org = await seedTenant(db);
    const email = uniqueEmail("intended");
    const { link } = await org.as(org.owner).invitations.create({ email, role: "admin" });
    const wrong = await seedUser(db, "Wrong");
    const before = await snapshot(org.tenant.id);
    const f = await failure(callerFor(db, { user: wrong }).invitations.accept({ token: tokenOf(link) }));
    expect(f).toMatchObject({ code: "FORBIDDEN", httpStatus: 403, error: { code: "invitation_email_mismatch" } });
    expect(f.error.message).toContain(email);
    expect(await snapshot(org.tenant.id)).toEqual(before);
    expect(await callerFor(db, { user: wrong }).account.tenants()).toEqual([]);
    const right = await seedUser(db, "Right", email);
    expect(await callerFor(db, { user: right }).invitations.accept({ token: tokenOf(link) })).toMatchObject({ role: "admin" });
  });

  it("answers unknown and garbage tokens with 404", async () => {
    const user = await seedUser(db);
    const unknown = randomBytes(32).toString("base64url");
    for (const token of [unknown, "garbage", "../../etc/passwd", "a".repeat(200), `${unknown}x`]) {
      const accept = await failure(callerFor(db, { user }).invitations.accept({ token }));
      expect(accept, token).toMatchObject({ code: "NOT_FOUND", httpStatus: 404, error: { code: "invitation_not_found" } });
      expect((await failure(callerFor(db).invitations.preview({ token }))).error.code).toBe("invitation_not_found");
    }
    expect((await failure(callerFor(db).invitations.preview({ token: "" }))).code).toBe("BAD_REQUEST");
  });

  it("refuses to invite an existing member (409), whatever the case of the address", async () => {
    const org = await seedTenant(db);
    const dev = await addMember(db, org, "developer");
    const before = await snapshot(org.tenant.id);
    for (const email of [dev.email, dev.email.toUpperCase(), ` ${org.owner.email} `]) {
      const f = await failure(org.as(org.owner).invitations.create({ email, role: "viewer" }));
      expect(f).toMatchObject({ code: "CONFLICT", error: { code: "already_member", details: { field: "email" } } });
    }
    expect(await snapshot(org.tenant.id)).toEqual(before);
  });

  it("lets nobody invite above their own role", async () => {
    const org = await seedTenant(db);
    const admin = await addMember(db, org, "admin");
    const dev = await addMember(db, org, "developer");
    const before = await snapshot(org.tenant.id);
    const owner = await failure(org.as(admin).invitations.create({ email: uniqueEmail(), role: "owner" }));
    expect(owner).toMatchObject({ code: "FORBIDDEN", error: { code: "role_too_high" } });
    const asDev = await failure(org.as(dev).invitations.create({ email: uniqueEmail(), role: "viewer" }));
    expect(asDev).toMatchObject({ code: "FORBIDDEN", error: { code: "missing_permission", details: { required: "member:invite" } } });
    expect(await snapshot(org.tenant.id)).toEqual(before);
    const ok = await org.as(admin).invitations.create({ email: uniqueEmail(), role: "admin" });
    expect(ok.invitation).toMatchObject({ role: "admin", invitedByEmail: admin.email });
  });

  it("validates the address and defaults the role to developer", async () => {
    const org = await seedTenant(db);
    for (const email of ["not-an-email", "a@", "x".repeat(250) + "@example.test"]) {
      const f = await failure(org.as(org.owner).invitations.create({ email }));
      expect(f).toMatchObject({ code: "BAD_REQUEST", error: { code: "validation_failed" } });
      expect((f.error.details?.issues as { path: string }[]).map((i) => i.path)).toContain("email");
    }
    const made = await org.as(org.owner).invitations.create({ email: uniqueEmail() });
    expect(made.invitation.role).toBe("developer");
  });

  it("keeps invitations per tenant: another tenant's invitation id is a 404", async () => {
    const a = await seedTenant(db);
    const b = await seedTenant(db);
    const { invitation, link } = await b.as(b.owner).invitations.create({ email: uniqueEmail(), role: "viewer" });
    expect((await failure(a.as(a.owner).invitations.revoke({ id: invitation.id }))).code).toBe("NOT_FOUND");
    expect((await callerFor(db).invitations.preview({ token: tokenOf(link) })).status).toBe("pending");
    expect((await a.as(a.owner).invitations.list()).items).toEqual([]);
  });

  it("keeps an invitation revocable after its inviter is removed", async () => {
    const org = await seedTenant(db);
    const admin: SeededUser = await addMember(db, org, "admin");
    const { link, invitation } = await org.as(admin).invitations.create({ email: uniqueEmail(), role: "viewer" });
    await org.as(org.owner).members.remove({ userId: admin.id });
    const [row] = await db.ownerSql("select invited_by from invitations where id = $1", [invitation.id]);
    expect(row!.invited_by).toBeNull();
    expect((await callerFor(db).invitations.preview({ token: tokenOf(link) })).inviter).toBeNull();
    expect((await org.as(org.owner).invitations.list()).items).toMatchObject([{ id: invitation.id, invitedByEmail: null }]);
    expect((await org.as(org.owner).invitations.revoke({ id: invitation.id })).status).toBe("revoked");
  });
});

describe("invitation races on Postgres", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("accepts a link once even when it is used several times at the same moment", async () => {
    const org = await seedTenant(db);
    const email = uniqueEmail("racer");
    const { link } = await org.as(org.owner).invitations.create({ email, role: "developer" });
    const user = await seedUser(db, "Racer", email);
    const results = await Promise.allSettled([1, 2, 3, 4].map(() => callerFor(db, { user }).invitations.accept({ token: tokenOf(link) })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) {
      if (r.status === "rejected")
        expect((await failure(Promise.reject(r.reason))).error.code).toMatch(/^(invitation_already_accepted|already_member)$/);
    }
    expect(await countRows(db, "memberships", org.tenant.id)).toBe(2);
    expect((await auditRows(db, org.tenant.id)).filter((r) => r.action === "invitation.accepted")).toHaveLength(1);
  });
});
