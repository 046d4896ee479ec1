import { vi } from "vitest";
import { logger } from "@/server/obs/logger";

export type LoggedEmail = { to: string; kind: string; link?: string };

/**
 * The no-SMTP mailer's outbox: every message that would have gone out, read from the log line
 * it writes instead (tests run with LOG_LEVEL=silent; the spy sees the call regardless).
 */
export function mailbox() {
  const spy = vi.spyOn(logger, "info");
  return {
    sent: (): LoggedEmail[] =>
      spy.mock.calls.map((call) => (call[0] as { email?: LoggedEmail } | undefined)?.email).filter((e): e is LoggedEmail => Boolean(e)),
    restore: () => spy.mockRestore(),
  };
}

/** The token at the end of a logged link. */
export const tokenOf = (link: string) => new URL(link).pathname.split("/").pop()!;
