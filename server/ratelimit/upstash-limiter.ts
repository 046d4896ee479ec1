import { Ratelimit } from "@upstash/ratelimit";
import type { Redis } from "@upstash/redis";
import { logger } from "../obs/logger";
import { NodeHttpRedis } from "./node-http-requester";
import { WINDOW_MS, type LimitResult, type RateLimiter } from "./limiter";

/**
 * @upstash/ratelimit over Upstash's REST protocol (Upstash itself, or the bridge we ship for a
 * self-hosted Redis). Limits differ by plan, so one Ratelimit per distinct limit.
 *
 * When Redis is slow (the library's timeout) or unreachable (an error, which the library
 * rethrows), the request goes through: we chose availability over strictness
 * (docs/adr/0003-rate-limits-fail-open.md) and log each such pass.
 */
export class UpstashRateLimiter implements RateLimiter {
  readonly kind = "upstash" as const;
  private readonly limiters = new Map<number, Ratelimit>();

  constructor(
    private readonly redis: Redis,
    private readonly timeoutMs: number,
    private readonly prefix = "agentry:rl",
  ) {}

  static fromConfig(url: string, token: string, timeoutMs: number) {
    return new UpstashRateLimiter(new NodeHttpRedis(url, token), timeoutMs);
  }

  private limiterFor(perMinute: number): Ratelimit {
    let limiter = this.limiters.get(perMinute);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: this.redis,
        limiter: Ratelimit.slidingWindow(perMinute, "1 m"),
        prefix: `${this.prefix}:${perMinute}`,
        timeout: this.timeoutMs,
        analytics: false,
      });
      this.limiters.set(perMinute, limiter);
    }
    return limiter;
  }

  async limit(bucket: string, perMinute: number): Promise<LimitResult> {
    let result;
    try {
      result = await this.limiterFor(perMinute).limit(bucket);
    } catch (error) {
      logger.warn({ bucket, err: error instanceof Error ? error.message : String(error) }, "rate limit check failed; request allowed");
      return failOpen(perMinute);
    }
    if (result.reason === "timeout") {
      logger.warn({ bucket }, "rate limit check timed out; request allowed");
      return failOpen(perMinute);
    }
    return { success: result.success, limit: result.limit, remaining: result.remaining, resetMs: result.reset };
  }
}

/**
 * What a pass without an answer reports. The library's timeout result says limit 0, remaining 0,
 * reset 0, which would turn into `RateLimit-Limit: 0` headers telling clients to back off.
 */
function failOpen(perMinute: number): LimitResult {
  return { success: true, limit: perMinute, remaining: perMinute, resetMs: Date.now() + WINDOW_MS };
}
