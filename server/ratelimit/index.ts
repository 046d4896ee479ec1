import { env } from "../env";
import type { RateLimiter } from "./limiter";
import { MemoryRateLimiter } from "./memory-limiter";
import { UpstashRateLimiter } from "./upstash-limiter";

export type { LimitResult, RateLimiter } from "./limiter";

const globalForLimiter = globalThis as typeof globalThis & { __agentryLimiter?: RateLimiter };

/** Upstash when configured, otherwise in-process (one per process, like the database). */
export function getRateLimiter(): RateLimiter {
  globalForLimiter.__agentryLimiter ??=
    env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN
      ? UpstashRateLimiter.fromConfig(env.UPSTASH_REDIS_REST_URL, env.UPSTASH_REDIS_REST_TOKEN, env.RATE_LIMIT_TIMEOUT_MS)
      : new MemoryRateLimiter();
  return globalForLimiter.__agentryLimiter;
}

/** `RateLimit-*` (IETF draft) and, when refused, `Retry-After`. */
export function rateLimitHeaders(result: { limit: number; remaining: number; resetMs: number; success: boolean }, now = Date.now()) {
  const resetSeconds = Math.max(0, Math.ceil((result.resetMs - now) / 1000));
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(result.limit),
    "RateLimit-Remaining": String(result.remaining),
    "RateLimit-Reset": String(resetSeconds),
  };
  if (!result.success) headers["Retry-After"] = String(Math.max(1, resetSeconds));
  return headers;
}
