import type { RateLimiter } from "../ratelimit";
import { ipGate, passGates, type Gate, type GateResult } from "../ratelimit/gates";

/**
 * Per-minute allowances of the identity forms that work before (or beside) a password: per
 * client IP, and per address or account where one is named — enough for a person retrying,
 * too few to enumerate, spray or flood someone's inbox.
 */
export const ACTION_LIMITS = {
  signUp: { perIp: 10, perSubject: 3 },
  forgotPassword: { perIp: 10, perSubject: 3 },
  resetPassword: { perIp: 20, perSubject: 10 },
  confirmEmail: { perIp: 20, perSubject: 10 },
  resendVerification: { perIp: 10, perSubject: 3 },
  changeEmail: { perIp: 10, perSubject: 3 },
  changePassword: { perIp: 20, perSubject: 5 },
  // The invitation page's public preview: a database read per call for anyone; tokens are unguessable,
  // so this bounds the work a flood costs, not guessing.
  previewInvitation: { perIp: 60, perSubject: 60 },
} as const;

export type ThrottledAction = keyof typeof ACTION_LIMITS;

/** `subject`: the address or account the attempt is about, when there is one. */
export function throttleAction(limiter: RateLimiter, action: ThrottledAction, ip: string | null, subject?: string): Promise<GateResult> {
  const limits = ACTION_LIMITS[action];
  const gates: Gate[] = ipGate(action, ip, limits.perIp);
  if (subject) gates.push({ bucket: `${action}:subject:${subject}`, perMinute: limits.perSubject });
  return passGates(limiter, gates);
}
