import { z } from "zod";
import { ValidationError } from "../errors";
import type { SignedInContext } from "../request-context";
import { emailSchema } from "./email";
import { issueEmailVerification } from "./email-verification";
import { findUserByEmail } from "./identity-lookups";
import { sendEmailTakenNotice, sendVerificationLink } from "./identity-mail";
import { PASSWORD_MAX_LENGTH, verifyPassword } from "./password";

export const changeEmailInput = z.object({
  email: emailSchema,
  /** The current password, for accounts that have one: a browser left signed in is not enough. */
  password: z.string().max(PASSWORD_MAX_LENGTH).default(""),
});

/**
 * Asks to move the account to a new address. Nothing changes until the new address's owner
 * opens the link sent there (`confirmEmailVerification` swaps it in and the old address is told).
 * A new address that already has an account gets the same answer — its owner a notice instead —
 * so the account page cannot be used to find out who has an account.
 */
export async function requestEmailChange(ctx: SignedInContext, input: z.infer<typeof changeEmailInput>): Promise<{ sentTo: string }> {
  const { scopes, user } = ctx;
  if (input.email === user.email) throw new ValidationError("This is already your address.", { email: "same_email" }, "same_email");
  // Moving the address moves password resets with it: prove it is the account's owner first.
  const account = await scopes.withUser(null, (tx) => findUserByEmail(tx, user.email));
  if (account?.passwordHash && !(await verifyPassword(account.passwordHash, input.password))) {
    throw new ValidationError("Your current password is not right.", { password: "wrong_current_password" }, "wrong_current_password");
  }
  const holder = await scopes.withUser(null, (tx) => findUserByEmail(tx, input.email));
  if (holder) {
    await sendEmailTakenNotice(ctx, input.email);
    return { sentTo: input.email };
  }
  const { token } = await issueEmailVerification(ctx, { userId: user.id, email: input.email });
  await sendVerificationLink(ctx, input.email, token, "change", "/account");
  return { sentTo: input.email };
}
