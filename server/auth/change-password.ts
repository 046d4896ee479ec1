import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { ValidationError } from "../errors";
import type { SessionContext } from "../request-context";
import { findUserByEmail } from "./identity-lookups";
import { hashPassword, PASSWORD_MAX_LENGTH, passwordProblems, verifyPassword } from "./password";
import { revokeAllSessions } from "./sessions";

export const changePasswordInput = z.object({
  current: z.string().max(PASSWORD_MAX_LENGTH),
  next: z.string().max(PASSWORD_MAX_LENGTH),
});

/**
 * A new password for the signed-in user, who proves it is them with the current one (a left-open
 * browser is not enough). Every other session ends: whoever knew the old password is out.
 */
export async function changePassword(
  ctx: SessionContext,
  input: z.infer<typeof changePasswordInput>,
): Promise<{ otherSessionsEnded: number }> {
  const { scopes, user } = ctx;
  const account = await scopes.withUser(null, (tx) => findUserByEmail(tx, user.email));
  if (!account || account.id !== user.id || !account.passwordHash) {
    throw new ValidationError("This account has no password; use “Forgot your password?” to set one.", undefined, "no_password");
  }
  if (!(await verifyPassword(account.passwordHash, input.current))) {
    throw new ValidationError("Your current password is not right.", { current: "wrong_current_password" }, "wrong_current_password");
  }
  const problems = passwordProblems(input.next, user.email);
  if (problems.length > 0) {
    const message = `The password needs ${problems.join("; ")}.`;
    throw new ValidationError(message, { next: "weak_password" }, "weak_password");
  }
  const passwordHash = await hashPassword(input.next);
  return scopes.withUser(user.id, async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
    return { otherSessionsEnded: await revokeAllSessions(tx, user.id, user.sessionId) };
  });
}
