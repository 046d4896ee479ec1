import type { NextAuthConfig } from "next-auth";
import type { Logger } from "../obs/logger";

/**
 * Auth.js's logger, routed into ours. A refused password is an expected outcome, not a fault:
 * one info line with the refusal's code — no stack, no e-mail, no password. Subclasses of
 * CredentialsSignin carry their own `name` (InvalidCredentials…) but inherit Auth.js's `type`,
 * so the check is by `type`, never by name. Real faults stay errors, still without stack or cause
 * (which can hold request data).
 */
export function authLogger(log: Logger): NonNullable<NextAuthConfig["logger"]> {
  return {
    error(error) {
      const type = (error as { type?: string }).type;
      if (type === "CredentialsSignin") {
        log.info({ code: (error as { code?: string }).code ?? "credentials" }, "sign-in refused");
        return;
      }
      log.error({ authError: { name: type ?? error.name, message: error.message.split(". Read more at")[0] } }, "auth error");
    },
    warn(code) {
      log.warn({ code }, "auth warning");
    },
    debug() {},
  };
}
