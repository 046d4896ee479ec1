import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { passwordResetTokens, users } from "@/db/schema";
import { ValidationError } from "../errors";
import { hashSecret } from "./api-key-format";
import { hashPassword, passwordProblems } from "./password";
import { revokeAllSessions } from "./sessions";

export const RESET_TTL_MINUTES = 60;
export const RESET_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * Starts a reset for an e-mail address. Returns the token (for the link) when the account
 * exists, null otherwise; callers answer the same either way when they can e-mail the link.
 */
export async function requestPasswordReset(tx: Tx, email: string): Promise<{ token: string; userId: string } | null> {
  const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (!user) return null;
  // Only the newest link works.
  await tx
    .update(passwordResetTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)));
  const token = randomBytes(32).toString("base64url");
  await tx.insert(passwordResetTokens).values({
    userId: user.id,
    tokenHash: hashSecret(token),
    expiresAt: new Date(Date.now() + RESET_TTL_MINUTES * 60_000),
  });
  return { token, userId: user.id };
}

/** Sets the new password, burns the token and signs the account out everywhere. */
export async function resetPassword(tx: Tx, token: string, newPassword: string): Promise<{ userId: string }> {
  const invalid = new ValidationError("This reset link is invalid or has expired. Request a new one.", undefined, "invalid_reset_token");
  if (!RESET_TOKEN_PATTERN.test(token)) throw invalid;
  const [row] = await tx
    .select({ id: passwordResetTokens.id, userId: passwordResetTokens.userId, email: users.email })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(
      and(
        eq(passwordResetTokens.tokenHash, hashSecret(token)),
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
  await tx.update(users).set({ passwordHash: await hashPassword(newPassword), updatedAt: new Date() }).where(eq(users.id, row.userId));
  await tx.update(passwordResetTokens).set({ usedAt: new Date() }).where(eq(passwordResetTokens.id, row.id));
  await revokeAllSessions(tx, row.userId);
  return { userId: row.userId };
}
