import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { passwordResetTokens, users } from "@/db/schema";
import { ValidationError } from "../errors";
import type { DomainContext } from "../request-context";
import { hashSecret } from "./api-key-format";
import { findResetTokenUser, findUserByEmail } from "./identity-lookups";
import { sendResetLink } from "./identity-mail";
import { RESET_TTL_MINUTES } from "./link-lifetimes";
import { hashPassword, passwordProblems } from "./password";
import { revokeAllSessions } from "./sessions";

export const RESET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Retires the user's earlier reset links (only the newest works) and stores a fresh one's hash.
 * Runs in the caller's transaction: the user's own, or the platform console's.
 */
export async function storeResetToken(tx: Tx, userId: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx
    .update(passwordResetTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
  await tx.insert(passwordResetTokens).values({
    userId,
    tokenHash: hashSecret(token),
    expiresAt: new Date(Date.now() + RESET_TTL_MINUTES * 60_000),
  });
  return token;
}

/**
 * Starts a reset for an e-mail address: when the account exists, its link goes to the address
 * only (`ctx.afterResponse`, see identity-mail). Returns the token — for scripts and tests, never
 * for a response — or null for an unknown address. An unknown address costs the same
 * work — a token made and hashed, a second scoped transaction — so the time taken does not tell
 * which addresses have accounts.
 */
export async function requestPasswordReset(
  ctx: DomainContext,
  { email }: { email: string },
): Promise<{ token: string; userId: string } | null> {
  const { scopes } = ctx;
  const user = await scopes.withUser(null, (tx) => findUserByEmail(tx, email));
  if (!user) {
    const decoy = hashSecret(randomBytes(32).toString("base64url"));
    await scopes.withUser(null, (tx) => findResetTokenUser(tx, decoy));
    return null;
  }
  const token = await scopes.withUser(user.id, (tx) => storeResetToken(tx, user.id));
  await sendResetLink(ctx, email, token);
  return { token, userId: user.id };
}

/** Sets the new password, burns the token and signs the account out everywhere. */
export async function resetPassword(
  ctx: DomainContext,
  { token, password: newPassword }: { token: string; password: string },
): Promise<{ userId: string }> {
  const { scopes } = ctx;
  const invalid = new ValidationError("This reset link is invalid or has expired. Request a new one.", undefined, "invalid_reset_token");
  if (!RESET_TOKEN_PATTERN.test(token)) throw invalid;
  const tokenHash = hashSecret(token);
  const userId = await scopes.withUser(null, (tx) => findResetTokenUser(tx, tokenHash));
  if (!userId) throw invalid;
  return scopes.withUser(userId, async (tx) => {
    const [row] = await tx
      .select({ id: passwordResetTokens.id, email: users.email })
      .from(passwordResetTokens)
      .innerJoin(users, eq(users.id, passwordResetTokens.userId))
      .where(
        and(
          eq(passwordResetTokens.tokenHash, tokenHash),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, sql`now()`),
        ),
      )
      .for("update", { of: passwordResetTokens })
      .limit(1);
    if (!row) throw invalid;
    const problems = passwordProblems(newPassword, row.email);
    if (problems.length > 0) {
      const message = `The password needs ${problems.join("; ")}.`;
      throw new ValidationError(message, { password: message }, "weak_password");
    }
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(newPassword), updatedAt: new Date() })
      .where(eq(users.id, userId));
    await tx.update(passwordResetTokens).set({ usedAt: new Date() }).where(eq(passwordResetTokens.id, row.id));
    await revokeAllSessions(tx, userId);
    return { userId };
  });
}
