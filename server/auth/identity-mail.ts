import { sendEmail } from "../email/send-email";
import { absoluteUrl } from "../links";
import { RESET_TTL_MINUTES } from "./password-reset";
import { VERIFY_TTL_HOURS } from "./email-verification";

/*
 * The messages identity sends to an address's owner. Each goes to that address only — by SMTP,
 * or to the server log when there is none — and never back to whoever triggered it, so the
 * answer on screen is the same whether or not the address has an account.
 */

export function sendResetLink(baseUrl: string, to: string, token: string) {
  const link = absoluteUrl(baseUrl, `/reset-password/${token}`);
  return sendEmail({
    to,
    kind: "password_reset",
    link,
    subject: "Reset your Agentry password",
    text: `Someone asked to reset the password for this account. If it was you, open:\n\n${link}\n\nThe link works once, for ${RESET_TTL_MINUTES} minutes. If it was not you, ignore this message.`,
  });
}

/** `next`: where to continue after confirming (a same-origin path, e.g. an invitation). */
export function sendVerificationLink(baseUrl: string, to: string, token: string, purpose: "sign_up" | "change", next?: string) {
  const link = absoluteUrl(baseUrl, `/verify-email/${token}${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  const why =
    purpose === "sign_up"
      ? "Confirm this address to finish creating your Agentry account:"
      : "You asked to use this address for your Agentry account. Confirm it to make the change:";
  return sendEmail({
    to,
    kind: "email_verification",
    link,
    subject: "Confirm your e-mail address for Agentry",
    text: `${why}\n\n${link}\n\nThe link works once, for ${VERIFY_TTL_HOURS} hours. If it was not you, ignore this message.`,
  });
}

/** Someone tried to register (or move another account to) an address that already has one. */
export function sendEmailTakenNotice(baseUrl: string, to: string) {
  const link = absoluteUrl(baseUrl, "/forgot-password");
  return sendEmail({
    to,
    kind: "email_taken_notice",
    link,
    subject: "Someone tried to create an Agentry account with your address",
    text: `An account for this address already exists, so nothing was created. If it was you, sign in — or reset your password:\n\n${link}\n\nIf it was not you, you need do nothing.`,
  });
}

export function sendEmailChangedNotice(to: string, newEmail: string) {
  return sendEmail({
    to,
    kind: "email_changed_notice",
    subject: "Your Agentry e-mail address was changed",
    text: `The e-mail address of your Agentry account is now ${newEmail}. If you did not do this, contact your administrator at once.`,
  });
}
