import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db";
import { authenticatePassword } from "@/server/auth/authenticate-password";
import { findOrCreateOAuthUser, type OAuthProfile } from "@/server/auth/oauth-user";
import { verifyPassword } from "@/server/auth/password";
import { requestPasswordReset, resetPassword } from "@/server/auth/password-reset";
import { createSession, listSessions, revokeAllSessions, revokeSession, validateSession } from "@/server/auth/sessions";
import { firstAccountBecomesAdmin, signUp, signUpInput } from "@/server/auth/sign-up";
import { ConflictError, ValidationError } from "@/server/errors";
import { createPgliteTestDatabase, createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { callerFor, domainContext, TEST_PASSWORD, uniqueEmail } from "../support/callers";
import { failure } from "../support/failures";
import { validationMessage } from "@/server/i18n/validation-message";

const META = { ip: "198.51.100.4", userAgent: "AuthTest/1.0" };

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure, but the call succeeded");
}

describe("identity", () => {
  let db: TestDatabase;
  const anon = <T>(fn: (tx: Tx) => Promise<T>) => db.scopes.withUser(null, fn);
  const register = (name: string, email: string, password = TEST_PASSWORD) =>
    signUp(domainContext(db), signUpInput.parse({ name, email, password }));

  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  describe("sign-up", () => {
    it("makes the first account of an installation its platform admin, and only the first", async () => {
      expect(firstAccountBecomesAdmin()).toBe(true); // PLATFORM_ADMIN_EMAILS is empty in tests
      const first = await register("First", uniqueEmail("first"));
      const second = await register("Second", uniqueEmail("second"));
      expect(first.isPlatformAdmin).toBe(true);
      expect(second.isPlatformAdmin).toBe(false);
      const rows = await db.ownerSql("select email, is_platform_admin from users order by created_at");
      expect(rows).toEqual([
        { email: first.email, is_platform_admin: true },
        { email: second.email, is_platform_admin: false },
      ]);
    });

    it("validates the name and e-mail, normalising the address", () => {
      const bad = signUpInput.safeParse({ name: "", email: "not an email", password: "x" });
      expect(bad.success).toBe(false);
      const paths = bad.error!.issues.map((i) => i.path.join("."));
      expect(paths).toEqual(expect.arrayContaining(["name", "email"]));
      const emailIssue = bad.error!.issues.find((i) => i.path[0] === "email")!;
      expect(validationMessage(emailIssue, "en")).toMatch(/valid e-mail/);
      expect(validationMessage(emailIssue, "zh-CN")).toMatch(/有效的电子邮件地址/);
      expect(signUpInput.parse({ name: " Ann ", email: "  Ann@Example.TEST ", password: "p" })).toMatchObject({
        name: "Ann",
        email: "ann@example.test",
      });
    });

    it("refuses weak passwords, saying what is required", async () => {
      const email = uniqueEmail("weakling");
      const cases: [string, RegExp][] = [
        ["short", /at least 10 characters/],
        ["alllowercaseletters", /three of: lower-case, upper-case, digits, symbols/],
        ["Aa1Aa1Aa1Aa1", /at least 5 different characters/],
        [`${email.split("@")[0]}X9!`, /not containing your email name/],
      ];
      for (const [password, requirement] of cases) {
        const error = await caught(register("Weak", email, password));
        expect(error, password).toBeInstanceOf(ValidationError);
        const v = error as ValidationError;
        expect(v.code).toBe("weak_password");
        expect(v.message).toMatch(requirement);
        expect(v.details).toEqual({ fields: { password: v.message } });
      }
      expect(await db.ownerSql("select 1 from users where email = $1", [email])).toEqual([]);
    });

    it("refuses a taken e-mail whatever its case (409 email_taken)", async () => {
      const email = uniqueEmail("taken");
      await register("Original", email);
      const error = await caught(register("Impostor", `  ${email.toUpperCase()}  `));
      expect(error).toBeInstanceOf(ConflictError);
      expect(error).toMatchObject({ code: "email_taken", details: { field: "email" } });
      const rows = await db.ownerSql("select name from users where lower(email) = $1", [email]);
      expect(rows).toEqual([{ name: "Original" }]);
    });

    it("stores passwords as argon2id PHC strings", async () => {
      const user = await register("Hashed", uniqueEmail("hashed"));
      const [row] = await db.ownerSql("select password_hash from users where id = $1", [user.id]);
      const hash = row!.password_hash as string;
      expect(hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
      expect(hash).not.toContain(TEST_PASSWORD);
      expect(await verifyPassword(hash, TEST_PASSWORD)).toBe(true);
      expect(await verifyPassword(hash, `${TEST_PASSWORD}x`)).toBe(false);
    });
  });

  it("authenticates the right password only", async () => {
    const email = uniqueEmail("signin");
    const user = await register("Signer", email);
    expect(await anon((tx) => authenticatePassword(tx, email, TEST_PASSWORD))).toEqual({ id: user.id, email, name: "Signer" });
    expect(await anon((tx) => authenticatePassword(tx, ` ${email.toUpperCase()} `, TEST_PASSWORD))).toMatchObject({ id: user.id });
    expect(await anon((tx) => authenticatePassword(tx, email, "Wrong-Password-123"))).toBeNull();
    expect(await anon((tx) => authenticatePassword(tx, email, TEST_PASSWORD.toLowerCase()))).toBeNull();
    expect(await anon((tx) => authenticatePassword(tx, uniqueEmail("nobody"), TEST_PASSWORD))).toBeNull();
  });

  describe("sessions", () => {
    it("creates, validates and revokes sessions one by one", async () => {
      const user = await register("Sess", uniqueEmail("sess"));
      const s1 = await db.scopes.withUser(user.id, (tx) => createSession(tx, user.id, META));
      const s2 = await db.scopes.withUser(user.id, (tx) => createSession(tx, user.id, META));
      const valid = await db.scopes.withUser(user.id, (tx) => validateSession(tx, s1));
      expect(valid).toEqual({ id: user.id, email: user.email, name: "Sess", isPlatformAdmin: false, emailVerified: false, sessionId: s1 });
      await db.scopes.withUser(user.id, (tx) => revokeSession(tx, s1));
      expect(await db.scopes.withUser(user.id, (tx) => validateSession(tx, s1))).toBeNull();
      expect(await db.scopes.withUser(user.id, (tx) => validateSession(tx, s2))).toMatchObject({ sessionId: s2 });
      const listed = await db.scopes.withUser(user.id, (tx) => listSessions(tx, user.id));
      expect(listed.map((s) => [s.id, s.ip, s.userAgent])).toEqual([[s2, META.ip, META.userAgent]]);
    });

    it("treats an expired session as invalid", async () => {
      const user = await register("Exp", uniqueEmail("exp"));
      const sid = await db.scopes.withUser(user.id, (tx) => createSession(tx, user.id, META));
      await db.ownerSql("update user_sessions set expires_at = now() - interval '1 second' where id = $1", [sid]);
      expect(await db.scopes.withUser(user.id, (tx) => validateSession(tx, sid))).toBeNull();
      expect(await db.scopes.withUser(user.id, (tx) => listSessions(tx, user.id))).toEqual([]);
    });

    it("signs out everywhere, optionally keeping the current session", async () => {
      const user = await register("Many", uniqueEmail("many"));
      const other = await register("Other", uniqueEmail("other"));
      const [a, b, c] = await Promise.all([1, 2, 3].map(() => db.scopes.withUser(user.id, (tx) => createSession(tx, user.id, META))));
      const otherSession = await db.scopes.withUser(other.id, (tx) => createSession(tx, other.id, META));
      expect(await db.scopes.withUser(user.id, (tx) => revokeAllSessions(tx, user.id, a))).toBe(2);
      const alive = async (sid: string, uid = user.id) => (await db.scopes.withUser(uid, (tx) => validateSession(tx, sid))) !== null;
      expect([await alive(a!), await alive(b!), await alive(c!)]).toEqual([true, false, false]);
      expect(await alive(otherSession, other.id)).toBe(true);

      // The same through the procedure the portal calls.
      const d = await db.scopes.withUser(user.id, (tx) => createSession(tx, user.id, META));
      const me = { ...user, sessionId: d };
      const sessions = await callerFor(db, { user: me }).account.sessions();
      expect(sessions.map((s) => [s.id, s.current]).sort()).toEqual(
        [
          [a, false],
          [d, true],
        ].sort(),
      );
      expect(await callerFor(db, { user: me }).account.signOutEverywhere({ keepCurrent: true })).toEqual({ revoked: 1 });
      expect([await alive(a!), await alive(d)]).toEqual([false, true]);
      expect(await callerFor(db, { user: me }).account.signOutEverywhere({})).toEqual({ revoked: 1 });
      expect(await alive(d)).toBe(false);
      expect((await failure(callerFor(db).account.signOutEverywhere({}))).code).toBe("UNAUTHORIZED");
    });
  });

  describe("password reset", () => {
    it("works once, sets the new password and revokes every session", async () => {
      const email = uniqueEmail("reset");
      const user = await register("Reset", email);
      const sid = await db.scopes.withUser(user.id, (tx) => createSession(tx, user.id, META));
      const reset = await requestPasswordReset(domainContext(db), { email });
      expect(reset).toMatchObject({ userId: user.id, token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
      const [row] = await db.ownerSql("select token_hash from password_reset_tokens where user_id = $1", [user.id]);
      expect(row!.token_hash).not.toBe(reset!.token);

      const weak = await caught(resetPassword(domainContext(db), { token: reset!.token, password: "weak" }));
      expect(weak).toMatchObject({ code: "weak_password", message: expect.stringMatching(/at least 10 characters/) });
      expect(await db.scopes.withUser(user.id, (tx) => validateSession(tx, sid))).not.toBeNull();

      const next = "Brand-New-Secret-42";
      expect(await resetPassword(domainContext(db), { token: reset!.token, password: next })).toEqual({ userId: user.id });
      expect(await db.scopes.withUser(user.id, (tx) => validateSession(tx, sid))).toBeNull();
      expect(await anon((tx) => authenticatePassword(tx, email, TEST_PASSWORD))).toBeNull();
      expect(await anon((tx) => authenticatePassword(tx, email, next))).toMatchObject({ id: user.id });
      const again = await caught(resetPassword(domainContext(db), { token: reset!.token, password: "Another-Secret-43" }));
      expect(again).toMatchObject({ code: "invalid_reset_token" });
      expect(await anon((tx) => authenticatePassword(tx, email, next))).toMatchObject({ id: user.id });
    });

    it("refuses expired, superseded, unknown and malformed tokens", async () => {
      const email = uniqueEmail("expired-reset");
      await register("R", email);
      const first = await requestPasswordReset(domainContext(db), { email });
      const second = await requestPasswordReset(domainContext(db), { email });
      expect(await caught(resetPassword(domainContext(db), { token: first!.token, password: "Fresh-Password-77" }))).toMatchObject({
        code: "invalid_reset_token",
      });
      await db.ownerSql(
        "update password_reset_tokens set expires_at = now() - interval '1 second' where user_id = (select id from users where email = $1)",
        [email],
      );
      expect(await caught(resetPassword(domainContext(db), { token: second!.token, password: "Fresh-Password-77" }))).toMatchObject({
        code: "invalid_reset_token",
      });
      for (const token of ["short", "A".repeat(43)]) {
        expect(await caught(resetPassword(domainContext(db), { token: token, password: "Fresh-Password-77" }))).toMatchObject({
          code: "invalid_reset_token",
        });
      }
      expect(await anon((tx) => authenticatePassword(tx, email, TEST_PASSWORD))).not.toBeNull();
      expect(await requestPasswordReset(domainContext(db), { email: uniqueEmail("ghost") })).toBeNull();
    });
  });
});

describe("first account on Postgres", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("crowns exactly one platform admin when the first sign-ups race", async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        signUp(domainContext(db), signUpInput.parse({ name: `Racer ${i}`, email: uniqueEmail(`racer${i}`), password: TEST_PASSWORD })),
      ),
    );
    expect(results.filter((u) => u.isPlatformAdmin)).toHaveLength(1);
    const [row] = await db.ownerSql("select count(*)::int as n from users where is_platform_admin");
    expect(row!.n).toBe(1);
  });

  it("answers a taken e-mail with email_taken on this driver too", async () => {
    const email = uniqueEmail("pg-taken");
    const create = () => signUp(domainContext(db), signUpInput.parse({ name: "Pg", email: email.toUpperCase(), password: TEST_PASSWORD }));
    await create();
    expect(await caught(create())).toMatchObject({ code: "email_taken" });
  });
});

describe("OAuth accounts", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });
  const oauth = (profile: Partial<OAuthProfile> = {}) =>
    findOrCreateOAuthUser(domainContext(db), {
      provider: "github",
      providerAccountId: randomUUID(),
      email: uniqueEmail("gh"),
      emailVerified: false,
      name: "Octo",
      ...profile,
    });
  const isAdmin = async (id: string) =>
    (await db.ownerSql("select is_platform_admin from users where id = $1", [id]))[0]!.is_platform_admin;

  it("makes the installation's first account its platform admin when it signs up through a provider", async () => {
    const first = await oauth();
    const second = await oauth();
    expect(await isAdmin(first.id)).toBe(true);
    expect(await isAdmin(second.id)).toBe(false);
  });

  it("links a verified address to the existing account, refuses an unverified one, and remembers the link", async () => {
    const email = uniqueEmail("linked");
    const existing = await signUp(domainContext(db), signUpInput.parse({ name: "Pat", email, password: TEST_PASSWORD }));
    const refused = await caught(oauth({ email: email.toUpperCase(), providerAccountId: "gh-1" }));
    expect(refused).toMatchObject({ code: "oauth_account_not_linked" });
    expect(await db.ownerSql("select 1 from accounts where provider_account_id = 'gh-1'")).toEqual([]);
    const linked = await oauth({ email, emailVerified: true, providerAccountId: "gh-1" });
    expect(linked.id).toBe(existing.id);
    expect((await oauth({ email: uniqueEmail("renamed"), providerAccountId: "gh-1" })).id).toBe(existing.id);
    expect(await caught(oauth({ email: null }))).toMatchObject({ code: "oauth_no_email" });
    const fresh = await oauth({ email: "  New.Person@Example.TEST ", name: null });
    expect(fresh).toMatchObject({ email: "new.person@example.test", name: "new.person" });
    expect(await db.scopes.withUser(null, (tx) => authenticatePassword(tx, fresh.email, TEST_PASSWORD))).toBeNull();
  });
});
