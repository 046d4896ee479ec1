import type { RateLimiter } from "./index";
import { enforceLimits } from "./enforce-limits";

/**
 * Limits on what a signed-in person can do through the API doors, beyond the organisation's
 * plan limits (which apply inside a tenant): per account, and per client address across all
 * accounts (one machine signing many accounts in). Page renders call procedures in process and
 * do not count; only HTTP calls to /api/trpc and /api/v1 with a session cookie do.
 */
export const SESSION_LIMITS = {
  /** A busy portal tab makes a few calls a minute; a script with a stolen cookie makes thousands. */
  perUser: 300,
  /** Generous: offices and CI runners share an address. */
  perIp: 3000,
} as const;

export function limitSessionRequest(
  limiter: RateLimiter,
  resHeaders: Headers,
  who: { userId: string; ip: string | null },
  limits: { perUser: number; perIp: number } = SESSION_LIMITS,
): Promise<void> {
  return enforceLimits(limiter, resHeaders, [
    { scope: "user", bucket: `user:${who.userId}`, perMinute: limits.perUser },
    ...(who.ip ? [{ scope: "ip" as const, bucket: `ip:${who.ip}`, perMinute: limits.perIp }] : []),
  ]);
}
