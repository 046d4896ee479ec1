import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticatePassword } from "@/server/auth/authenticate-password";
import { changeEmailInput, requestEmailChange } from "@/server/auth/change-email";
import { changePassword } from "@/server/auth/change-password";
import { confirmEmailVerification } from "@/server/auth/email-verification";
import { createSession, validateSession } from "@/server/auth/sessions";
import { updateName, updateNameInput } from "@/server/auth/update-name";
import { createPgliteTestDatabase, type TestDatabase } from "../support/databases";
import { domainContext, seedUser, signedInContext, TEST_PASSWORD, uniqueEmail } from "../support/callers";
import { mailbox, tokenOf } from "../support/mailbox";

const BASE = "http://localhost:3000";
const META = { ip: "198.51.100.9", userAgent: "AccountTest/1.0" };

describe("account page verbs", () => {
  let db: TestDatabase;
  const signsIn = async (email: string, password = TEST_PASSWORD) =>
    (await db.scopes.withUser(null, (tx) => authenticatePassword(tx, email, password))) !== null;
  const newSession = (userId: string) => db.scopes.withUser(userId, (tx) => createSession(tx, userId, META));
  const alive = async (userId: string, sid: string) => (await db.scopes.withUser(userId, (tx) => validateSession(tx, sid))) !== null;

  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("renames, with catalogue codes for bad names", async () => {
    const user = await seedUser(db, "Old Name");
    expect(await updateName(signedInContext(db, user), updateNameInput.parse({ name: "  New Name " }))).toEqual({ name: "New Name" });
    const [row] = await db.ownerSql("select name from users where id = $1", [user.id]);
    expect(row!.name).toBe("New Name");
    expect(updateNameInput.safeParse({ name: " " }).error!.issues[0]!.message).toBe("enterName");
    expect(updateNameInput.safeParse({ name: "x".repeat(81) }).error!.issues[0]!.message).toBe("tooLong");
  });

  it("changes the e-mail only once the new address confirms it, and tells the old one", async () => {
    const user = await seedUser(db, "Mover");
    const target = uniqueEmail("moved");
    const mail = mailbox();
    let link: string;
    try {
      // Without the current password nothing is sent.
      await expect(
        requestEmailChange(signedInContext(db, user, BASE), changeEmailInput.parse({ email: target, password: "Not-It-123" })),
      ).rejects.toMatchObject({
        code: "wrong_current_password",
      });
      expect(mail.sent()).toEqual([]);
      expect(
        await requestEmailChange(signedInContext(db, user, BASE), changeEmailInput.parse({ email: target, password: TEST_PASSWORD })),
      ).toEqual({ sentTo: target });
      expect(mail.sent().map((m) => [m.to, m.kind])).toEqual([[target, "email_verification"]]);
      link = mail.sent()[0]!.link!;
    } finally {
      mail.restore();
    }
    // Not yet: the old address still signs in, the new one does not.
    expect([await signsIn(user.email), await signsIn(target)]).toEqual([true, false]);
    const confirmed = await confirmEmailVerification(domainContext(db), { token: tokenOf(link) });
    expect(confirmed).toEqual({ userId: user.id, email: target, previousEmail: user.email });
    expect([await signsIn(user.email), await signsIn(target)]).toEqual([false, true]);
  });

  it("answers a taken or unchanged address without revealing the other account", async () => {
    const user = await seedUser(db, "Curious");
    const other = await seedUser(db, "Holder");
    const mail = mailbox();
    try {
      expect(await requestEmailChange(signedInContext(db, user, BASE), { email: other.email, password: TEST_PASSWORD })).toEqual({
        sentTo: other.email,
      });
      expect(mail.sent().map((m) => [m.to, m.kind])).toEqual([[other.email, "email_taken_notice"]]);
    } finally {
      mail.restore();
    }
    expect(await db.ownerSql("select 1 from email_verifications where user_id = $1 and email = $2", [user.id, other.email])).toEqual([]);
    await expect(requestEmailChange(signedInContext(db, user, BASE), { email: user.email, password: TEST_PASSWORD })).rejects.toMatchObject(
      { code: "same_email" },
    );
  });

  it("changes the password only with the current one, and signs out every other session", async () => {
    const user = await seedUser(db, "Keyholder");
    const here = await newSession(user.id);
    const elsewhere = await newSession(user.id);
    const me = { ...user, sessionId: here };
    await expect(
      changePassword(signedInContext(db, me), { current: "Not-The-Password-1", next: "Fresh-Lantern-Pass-3" }),
    ).rejects.toMatchObject({
      code: "wrong_current_password",
      details: { fields: { current: "wrong_current_password" } },
    });
    await expect(changePassword(signedInContext(db, me), { current: TEST_PASSWORD, next: "weak" })).rejects.toMatchObject({
      code: "weak_password",
    });
    expect(await signsIn(user.email)).toBe(true);
    expect(await alive(user.id, elsewhere)).toBe(true);

    expect(await changePassword(signedInContext(db, me), { current: TEST_PASSWORD, next: "Fresh-Lantern-Pass-3" })).toEqual({
      otherSessionsEnded: 1,
    });
    expect([await signsIn(user.email), await signsIn(user.email, "Fresh-Lantern-Pass-3")]).toEqual([false, true]);
    expect([await alive(user.id, here), await alive(user.id, elsewhere)]).toEqual([true, false]);
  });
});
