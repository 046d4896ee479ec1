import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { emailVerifications, users } from "@/db/schema";
import { ConflictError, ValidationError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import type { DomainContext, SignedInContext } from "../request-context";
import { hashSecret } from "./api-key-format";
import { findVerificationTokenUser } from "./identity-lookups";
import { sendEmailChangedNotice, sendVerificationLink } from "./identity-mail";
import { VERIFY_TTL_HOURS } from "./link-lifetimes";

export const VERIFY_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A fresh link proving `email` reaches `userId`: the account's own address after sign-up, or
 * the new one the user wants to change to. Issuing retires the user's earlier links (only the
 * newest works); the token exists only in the link, its SHA-256 at rest.
 */
export async function issueEmailVerification(
  ctx: DomainContext,
  { userId, email }: { userId: string; email: string },
): Promise<{ token: string }> {
  const token = randomBytes(32).toString("base64url");
  await ctx.scopes.withUser(userId, async (tx) => {
    await tx
      .update(emailVerifications)
      .set({ usedAt: new Date() })
      .where(and(eq(emailVerifications.userId, userId), isNull(emailVerifications.usedAt)));
    await tx.insert(emailVerifications).values({
      userId,
      email: email.trim().toLowerCase(),
      tokenHash: hashSecret(token),
      expiresAt: new Date(Date.now() + VERIFY_TTL_HOURS * 3_600_000),
    });
  });
  return { token };
}

export type ConfirmedEmail = {
  userId: string;
  email: string;
  /** Set when the link changed the account's address: the old one, to be told. */
  previousEmail: string | null;
};

/**
 * Spends a verification link: marks the address verified, and when the link was for a new
 * address, makes it the account's address and tells the old one. Invalid, used, expired and
 * superseded links get the same answer and change nothing.
 */
export async function confirmEmailVerification(ctx: DomainContext, { token }: { token: string }): Promise<ConfirmedEmail> {
  const { scopes } = ctx;
  const invalid = new ValidationError(
    "This confirmation link is invalid or has expired. Request a new one.",
    undefined,
    "invalid_verification_token",
  );
  if (!VERIFY_TOKEN_PATTERN.test(token)) throw invalid;
  const tokenHash = hashSecret(token);
  const userId = await scopes.withUser(null, (tx) => findVerificationTokenUser(tx, tokenHash));
  if (!userId) throw invalid;
  let confirmed: ConfirmedEmail;
  try {
    confirmed = await scopes.withUser(userId, async (tx) => {
      const [row] = await tx
        .select({ id: emailVerifications.id, email: emailVerifications.email, current: users.email })
        .from(emailVerifications)
        .innerJoin(users, eq(users.id, emailVerifications.userId))
        .where(
          and(eq(emailVerifications.tokenHash, tokenHash), isNull(emailVerifications.usedAt), gt(emailVerifications.expiresAt, sql`now()`)),
        )
        .for("update", { of: emailVerifications })
        .limit(1);
      if (!row) throw invalid;
      const now = new Date();
      await tx.update(users).set({ email: row.email, emailVerifiedAt: now, updatedAt: now }).where(eq(users.id, userId));
      await tx.update(emailVerifications).set({ usedAt: now }).where(eq(emailVerifications.id, row.id));
      return { userId, email: row.email, previousEmail: row.email === row.current ? null : row.current };
    });
  } catch (error) {
    // Someone else took the new address between the request and the confirmation.
    if (isUniqueViolation(error, "users_email_key")) {
      throw new ConflictError("Another account uses this e-mail address now.", "email_unavailable");
    }
    throw error;
  }
  if (confirmed.previousEmail) await sendEmailChangedNotice(ctx, confirmed.previousEmail, confirmed.email);
  return confirmed;
}

/** Whether the signed-in user's current address is verified (for the banner and resend). */
export async function emailVerificationState(ctx: SignedInContext): Promise<{ email: string; verified: boolean }> {
  const userId = ctx.user.id;
  return ctx.scopes.withUser(userId, async (tx) => {
    const [row] = await tx.select({ email: users.email, verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
    return { email: row!.email, verified: row!.verifiedAt !== null };
  });
}

/** A new link for the signed-in user's unconfirmed address; earlier ones stop working. */
export async function resendEmailVerification(ctx: SignedInContext): Promise<{ sent: boolean }> {
  const state = await emailVerificationState(ctx);
  if (state.verified) return { sent: false };
  const { token } = await issueEmailVerification(ctx, { userId: ctx.user.id, email: state.email });
  await sendVerificationLink(ctx, state.email, token, "sign_up");
  return { sent: true };
}
