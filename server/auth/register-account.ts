import { ConflictError } from "../errors";
import type { DomainContext } from "../request-context";
import { issueEmailVerification } from "./email-verification";
import { sendEmailTakenNotice, sendVerificationLink } from "./identity-mail";
import { signUp, type NewAccount, type SignUpInput } from "./sign-up";

/**
 * What sign-up answers. `installer`: the first account of an empty installation, trusted and
 * verified — sign it in. `check_email`: everything else, whether the address was free (a link
 * to confirm it is on its way) or already had an account (its owner is told instead) — the same
 * answer, so sign-up does not reveal which addresses have accounts.
 */
export type Registration = { outcome: "installer"; user: NewAccount } | { outcome: "check_email" };

/** `next`: a same-origin path to continue to once the address is confirmed (an invitation). */
export async function registerAccount(ctx: DomainContext, input: SignUpInput & { next?: string }): Promise<Registration> {
  const { next, ...account } = input;
  let user: NewAccount;
  try {
    user = await signUp(ctx, account);
  } catch (error) {
    if (error instanceof ConflictError && error.code === "email_taken") {
      await sendEmailTakenNotice(ctx, account.email);
      return { outcome: "check_email" };
    }
    throw error;
  }
  if (user.emailVerified) return { outcome: "installer", user };
  const { token } = await issueEmailVerification(ctx, { userId: user.id, email: user.email });
  await sendVerificationLink(ctx, user.email, token, "sign_up", next);
  return { outcome: "check_email" };
}
