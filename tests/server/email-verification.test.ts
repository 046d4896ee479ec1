import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// An installation with a listed operator address: what an attacker would register to become one.
const LISTED = vi.hoisted(() => {
  const address = "listed-operator@example.test";
  vi.stubEnv("PLATFORM_ADMIN_EMAILS", address);
  return address;
});

import { confirmEmailVerification, issueEmailVerification } from "@/server/auth/email-verification";
import { findOrCreateOAuthUser } from "@/server/auth/oauth-user";
import { authenticatePassword } from "@/server/auth/authenticate-password";
import { registerAccount } from "@/server/auth/register-account";
import { createSession, validateSession } from "@/server/auth/sessions";
import { signUp, signUpInput } from "@/server/auth/sign-up";
import { createPgliteTestDatabase, type TestDatabase } from "../support/databases";
import { callerFor, domainContext, seedTenant, TEST_PASSWORD, uniqueEmail } from "../support/callers";
import { failure } from "../support/failures";
import { mailbox, tokenOf } from "../support/mailbox";

const BASE = "http://localhost:3000";
const META = { ip: "198.51.100.7", userAgent: "VerifyTest/1.0" };

describe("e-mail verification", () => {
  let db: TestDatabase;
  const register = (name: string, email: string) => signUp(domainContext(db), signUpInput.parse({ name, email, password: TEST_PASSWORD }));
  const session = async (userId: string) =>
    db.scopes.withUser(userId, async (tx) => validateSession(tx, await createSession(tx, userId, META)));

  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await db.drop();
  });

  it("trusts the installer: the first account is verified (and, with a list, admin only if listed)", async () => {
    const installer = await register("Installer", uniqueEmail("installer"));
    expect(installer.emailVerified).toBe(true);
    const [row] = await db.ownerSql("select email_verified_at is not null as verified from users where id = $1", [installer.id]);
    expect(row!.verified).toBe(true);
    const second = await register("Second", uniqueEmail("second"));
    expect(second).toMatchObject({ emailVerified: false, isPlatformAdmin: false });
  });

  it("does not make an unverified listed address a platform admin; confirming it does", async () => {
    const squatter = await register("Squatter", LISTED);
    expect(squatter.isPlatformAdmin).toBe(false);
    expect(await session(squatter.id)).toMatchObject({ isPlatformAdmin: false, emailVerified: false });
    await expect(callerFor(db, { user: { ...squatter, sessionId: randomUUID() } }).admin.tenants({})).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    // The real holder of the address confirms it (here: the same account, now proven).
    const { token } = await issueEmailVerification(domainContext(db), { userId: squatter.id, email: LISTED });
    await confirmEmailVerification(domainContext(db), { token: token });
    expect(await session(squatter.id)).toMatchObject({ isPlatformAdmin: true, emailVerified: true });
  });

  it("stores links hashed, honours only the newest, once, before expiry", async () => {
    const user = await register("Linky", uniqueEmail("linky"));
    const first = await issueEmailVerification(domainContext(db), { userId: user.id, email: user.email });
    const second = await issueEmailVerification(domainContext(db), { userId: user.id, email: user.email });
    const rows = await db.ownerSql("select token_hash from email_verifications where user_id = $1", [user.id]);
    expect(rows.map((r) => r.token_hash)).not.toContain(first.token);
    expect(rows.map((r) => r.token_hash)).not.toContain(second.token);
    await expect(confirmEmailVerification(domainContext(db), { token: first.token })).rejects.toMatchObject({
      code: "invalid_verification_token",
    });
    for (const bad of ["short", "A".repeat(43)]) {
      await expect(confirmEmailVerification(domainContext(db), { token: bad })).rejects.toMatchObject({
        code: "invalid_verification_token",
      });
    }
    const third = await issueEmailVerification(domainContext(db), { userId: user.id, email: user.email });
    await db.ownerSql("update email_verifications set expires_at = now() - interval '1 second' where user_id = $1 and used_at is null", [
      user.id,
    ]);
    await expect(confirmEmailVerification(domainContext(db), { token: third.token })).rejects.toMatchObject({
      code: "invalid_verification_token",
    });
    expect((await session(user.id))!.emailVerified).toBe(false);

    const fourth = await issueEmailVerification(domainContext(db), { userId: user.id, email: user.email });
    expect(await confirmEmailVerification(domainContext(db), { token: fourth.token })).toEqual({
      userId: user.id,
      email: user.email,
      previousEmail: null,
    });
    await expect(confirmEmailVerification(domainContext(db), { token: fourth.token })).rejects.toMatchObject({
      code: "invalid_verification_token",
    });
    expect((await session(user.id))!.emailVerified).toBe(true);
  });

  it("answers sign-up the same for a free and a taken address; the link goes to the address, not the caller", async () => {
    const taken = uniqueEmail("taken");
    await register("Owner", taken);
    const free = uniqueEmail("free");
    const mail = mailbox();
    try {
      const a = await registerAccount(domainContext(db, BASE), signUpInput.parse({ name: "New", email: free, password: TEST_PASSWORD }));
      const b = await registerAccount(
        domainContext(db, BASE),
        signUpInput.parse({ name: "Impostor", email: taken, password: TEST_PASSWORD }),
      );
      expect(a).toEqual({ outcome: "check_email" });
      expect(b).toEqual(a);
      const sent = mail.sent();
      expect(sent.map((m) => [m.to, m.kind])).toEqual([
        [free, "email_verification"],
        [taken, "email_taken_notice"],
      ]);
      // The logged link confirms the new address.
      const created = await confirmEmailVerification(domainContext(db), { token: tokenOf(sent[0]!.link!) });
      expect(created.email).toBe(free);
    } finally {
      mail.restore();
    }
    // The impostor's password does not open the owner's account.
    expect(await db.scopes.withUser(null, (tx) => authenticatePassword(tx, taken, TEST_PASSWORD))).not.toBeNull();
    const [row] = await db.ownerSql("select name from users where email = $1", [taken]);
    expect(row!.name).toBe("Owner");
  });

  it("refuses an invitation to an account that has not proven the invited address", async () => {
    const org = await seedTenant(db);
    const victim = uniqueEmail("invitee");
    const invite = await org.as(org.owner).invitations.create({ email: victim, role: "admin" });
    const token = invite.link.split("/invite/")[1]!;
    // Whoever holds the link registers the invitee's address…
    const attacker = await register("Attacker", victim);
    const refused = await failure(callerFor(db, { user: { ...attacker, sessionId: randomUUID() } }).invitations.accept({ token }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.error.code).toBe("email_unverified");
    expect(await db.ownerSql("select 1 from memberships where user_id = $1", [attacker.id])).toEqual([]);
    const [inv] = await db.ownerSql("select accepted_at from invitations where id = $1", [invite.invitation.id]);
    expect(inv!.accepted_at).toBeNull();
  });

  it("trusts a provider's address only when it says it is verified; a verified owner takes over a squatted account", async () => {
    const github = await findOrCreateOAuthUser(domainContext(db), {
      provider: "github",
      providerAccountId: randomUUID(),
      email: LISTED.replace("listed", "gh"),
      emailVerified: false,
      name: "Octo",
    });
    const [gh] = await db.ownerSql("select email_verified_at from users where id = $1", [github.id]);
    expect(gh!.email_verified_at).toBeNull();

    // Someone pre-registers the victim's address with a password…
    const victim = uniqueEmail("sso-victim");
    const squatted = await register("Squatter", victim);
    const squatterSession = await db.scopes.withUser(squatted.id, (tx) => createSession(tx, squatted.id, META));
    // …then the victim arrives through an IdP that vouches for the address.
    const owner = await findOrCreateOAuthUser(domainContext(db), {
      provider: "oidc",
      providerAccountId: randomUUID(),
      email: victim,
      emailVerified: true,
      name: "Victim",
    });
    expect(owner.id).toBe(squatted.id);
    expect(await db.scopes.withUser(null, (tx) => authenticatePassword(tx, victim, TEST_PASSWORD))).toBeNull();
    expect(await db.scopes.withUser(squatted.id, (tx) => validateSession(tx, squatterSession))).toBeNull();
    const [row] = await db.ownerSql("select email_verified_at is not null as verified from users where id = $1", [owner.id]);
    expect(row!.verified).toBe(true);
  });
});
