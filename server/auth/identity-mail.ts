import { mailTranslator } from "../email/mail-translator";
import { sendEmail, type OutgoingEmail } from "../email/send-email";
import { absoluteUrl } from "../links";
import type { DomainContext } from "../request-context";
import { RESET_TTL_MINUTES, VERIFY_TTL_HOURS } from "./link-lifetimes";

/*
 * The messages identity sends to an address's owner. Each goes to that address only — by SMTP,
 * or to the server log when there is none — and never back to whoever triggered it, so the
 * answer on screen is the same whether or not the address has an account. Each is written in
 * the language of the request that caused it (messages/<locale>/email.json).
 *
 * Sending: the identity verbs open and close their own short transactions, so none is open
 * when they mail. They hand the send to `ctx.afterResponse` (Next's `after()` from the server
 * actions) so the response never waits on SMTP; a door without one (scripts, tests) awaits it.
 */

type MailContext = Pick<DomainContext, "appUrl" | "locale" | "afterResponse">;

async function deliver(ctx: MailContext, message: OutgoingEmail): Promise<void> {
  const send = async () => {
    await sendEmail(message);
  };
  if (ctx.afterResponse) ctx.afterResponse(send, message.kind);
  else await send();
}

export function sendResetLink(ctx: MailContext, to: string, token: string) {
  const t = mailTranslator(ctx.locale);
  const link = absoluteUrl(ctx.appUrl, `/reset-password/${token}`);
  return deliver(ctx, {
    to,
    kind: "password_reset",
    link,
    subject: t("email.passwordReset.subject"),
    text: t("email.passwordReset.body", { link, minutes: RESET_TTL_MINUTES }),
  });
}

/** `next`: where to continue after confirming (a same-origin path, e.g. an invitation). */
export function sendVerificationLink(ctx: MailContext, to: string, token: string, purpose: "sign_up" | "change", next?: string) {
  const t = mailTranslator(ctx.locale);
  const link = absoluteUrl(ctx.appUrl, `/verify-email/${token}${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  const reason = purpose === "sign_up" ? t("email.verification.signUpReason") : t("email.verification.changeReason");
  return deliver(ctx, {
    to,
    kind: "email_verification",
    link,
    subject: t("email.verification.subject"),
    text: t("email.verification.body", { reason, link, hours: VERIFY_TTL_HOURS }),
  });
}

/** Someone tried to register (or move another account to) an address that already has one. */
export function sendEmailTakenNotice(ctx: MailContext, to: string) {
  const t = mailTranslator(ctx.locale);
  const link = absoluteUrl(ctx.appUrl, "/forgot-password");
  return deliver(ctx, {
    to,
    kind: "email_taken_notice",
    link,
    subject: t("email.emailTaken.subject"),
    text: t("email.emailTaken.body", { link }),
  });
}

export function sendEmailChangedNotice(ctx: MailContext, to: string, newEmail: string) {
  const t = mailTranslator(ctx.locale);
  return deliver(ctx, {
    to,
    kind: "email_changed_notice",
    subject: t("email.emailChanged.subject"),
    text: t("email.emailChanged.body", { email: newEmail }),
  });
}
