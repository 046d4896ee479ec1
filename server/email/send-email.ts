import { env } from "../env";
import { logger } from "../obs/logger";

export type OutgoingEmail = { to: string; subject: string; text: string; kind: "invitation" | "password_reset" };

type Transport = { sendMail: (message: Record<string, unknown>) => Promise<unknown> };
let transport: Promise<Transport> | undefined;

/**
 * Sends through SMTP when SMTP_URL is set. Without it (the embedded default) nothing is sent:
 * the message is logged, and the caller shows its link on screen instead.
 */
export async function sendEmail(message: OutgoingEmail): Promise<{ delivered: boolean }> {
  if (!env.SMTP_URL) {
    logger.info({ email: { to: message.to, kind: message.kind, subject: message.subject, text: message.text } }, "email not sent: SMTP_URL is not set");
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
