import { RateLimitedError, type RateLimitScope } from "../errors";
import { rateLimitHeaders, type RateLimiter } from "./index";

export type LimitCheck = { scope: RateLimitScope; bucket: string; perMinute: number };

/**
 * Counts one request against every bucket that applies, reports the tightest in `RateLimit-*`
 * (and `Retry-After`) on `resHeaders`, and throws 429 naming that scope when any is spent.
 */
export async function enforceLimits(limiter: RateLimiter, resHeaders: Headers, checks: readonly LimitCheck[]): Promise<void> {
  if (checks.length === 0) return;
  const results = await Promise.all(checks.map(async (check) => ({ check, result: await limiter.limit(check.bucket, check.perMinute) })));
  const tightest = results.reduce((a, b) => (!b.result.success || b.result.remaining < a.result.remaining ? b : a));
  for (const [name, value] of Object.entries(rateLimitHeaders(tightest.result))) resHeaders.set(name, value);
  if (!tightest.result.success) {
    const retryAfter = Number(resHeaders.get("Retry-After") ?? "1");
    throw new RateLimitedError(tightest.check.scope, tightest.result.limit, retryAfter);
  }
}
