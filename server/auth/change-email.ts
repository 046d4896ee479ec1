import { z } from "zod";
import type { Scopes } from "@/db/scope";
import { ValidationError } from "../errors";
import { emailSchema } from "./email";
import { issueEmailVerification } from "./email-verification";
import { findUserByEmail } from "./identity-lookups";
import { sendEmailTakenNotice, sendVerificationLink } from "./identity-mail";

export const changeEmailInput = z.object({ email: emailSchema });

/**
 * Asks to move the account to a new address. Nothing changes until the new address's owner
 * opens the link sent there (`confirmEmailVerification` swaps it in and the old address is told).
 * A new address that already has an account gets the same answer — its owner a notice instead —
 * so the account page cannot be used to find out who has an account.
 */
export async function requestEmailChange(
  scopes: Scopes,
  user: { id: string; email: string },
  input: z.infer<typeof changeEmailInput>,
  baseUrl: string,
): Promise<{ sentTo: string }> {
  if (input.email === user.email) throw new ValidationError("This is already your address.", { email: "same_email" }, "same_email");
  const holder = await scopes.withUser(null, (tx) => findUserByEmail(tx, input.email));
  if (holder) {
    await sendEmailTakenNotice(baseUrl, input.email);
    return { sentTo: input.email };
  }
  const { token } = await issueEmailVerification(scopes, user.id, input.email);
  await sendVerificationLink(baseUrl, input.email, token, "change", "/account");
  return { sentTo: input.email };
}
