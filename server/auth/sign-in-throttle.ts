import type { RateLimiter } from "../ratelimit";
import { ipGate, passGates } from "../ratelimit/gates";

/**
 * Password sign-in limits. Per address alone (what we had) let one attacker lock the real user
 * out and let a spray of one password across many addresses through. Now:
 * - one IP on one account gets few tries, with growing delays — the real user elsewhere is
 *   unaffected by an attacker's IP exhausting its own allowance;
 * - one IP across all accounts is capped (password spray);
 * - one account across all IPs has a higher cap (a distributed guess at one password);
 * - the whole installation has a ceiling (a botnet spraying).
 */
export const SIGN_IN_LIMITS = {
  perAccountFromIp: 10,
  perIp: 30,
  perAccount: 100,
  global: 2000,
} as const;

/** Attempts on one account from one IP before each further one waits longer. */
const FREE_ATTEMPTS = 3;
const BACKOFF_BASE_MS = 250;
const BACKOFF_MAX_MS = 4000;

export type SignInGate = { allowed: true; delayMs: number } | { allowed: false; retryAfterSeconds: number };

export async function signInGate(limiter: RateLimiter, email: string, ip: string | null): Promise<SignInGate> {
  // With the IP unknown, the pair degrades to "this account" at the small allowance.
  const gate = await passGates(limiter, [
    { bucket: `signin:acct-ip:${email}|${ip ?? "unknown"}`, perMinute: SIGN_IN_LIMITS.perAccountFromIp },
    ...ipGate("signin", ip, SIGN_IN_LIMITS.perIp),
    { bucket: `signin:acct:${email}`, perMinute: SIGN_IN_LIMITS.perAccount },
    { bucket: "signin:all", perMinute: SIGN_IN_LIMITS.global },
  ]);
  if (!gate.allowed) return { allowed: false, retryAfterSeconds: gate.retryAfterSeconds };
  const pair = gate.results[0]!;
  return { allowed: true, delayMs: backoffMs(pair.limit - pair.remaining) };
}

/** 0 for the first few attempts, then 250 ms, 500 ms, 1 s… up to 4 s. */
export function backoffMs(attempt: number): number {
  if (attempt <= FREE_ATTEMPTS) return 0;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempt - FREE_ATTEMPTS - 1));
}
