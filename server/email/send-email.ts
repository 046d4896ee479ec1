import { env } from "../env";
import { logger } from "../obs/logger";

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  kind: "invitation" | "password_reset" | "email_verification" | "email_taken_notice" | "email_changed_notice";
  /** The one link the message carries, if any: what the operator passes on when there is no SMTP. */
  link?: string;
};

type Transport = { sendMail: (message: Record<string, unknown>) => Promise<unknown> };
let transport: Promise<Transport> | undefined;

/** The log line an operator greps for when there is no SMTP: it carries the undelivered link. */
export const UNDELIVERED_EMAIL_LOG = "EMAIL NOT SENT (SMTP_URL is not set): pass the link on to its recipient";

/**
 * Sends through SMTP when SMTP_URL is set. Without it (the embedded default) nothing is sent:
 * the message — its link, for the operator to pass on — goes to the server log at info level and
 * nowhere else. Callers never show a link meant for an address's owner to whoever asked for it.
 */
export async function sendEmail(message: OutgoingEmail): Promise<{ delivered: boolean }> {
  if (!env.SMTP_URL) {
    const { to, kind, subject, link, text } = message;
    logger.info({ email: link ? { to, kind, subject, link } : { to, kind, subject, text } }, UNDELIVERED_EMAIL_LOG);
    return { delivered: false };
  }
  transport ??= import("nodemailer").then((m) => m.createTransport(env.SMTP_URL) as Transport);
  try {
    await (await transport).sendMail({ from: env.EMAIL_FROM, to: message.to, subject: message.subject, text: message.text });
    return { delivered: true };
  } catch (error) {
    logger.error({ err: error, email: { to: message.to, kind: message.kind } }, "email delivery failed");
    return { delivered: false };
  }
}

export const emailConfigured = () => Boolean(env.SMTP_URL);
