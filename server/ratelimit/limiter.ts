/** What every rate limiter answers; `resetMs` is the epoch millisecond the window frees up. */
export type LimitResult = { success: boolean; limit: number; remaining: number; resetMs: number };

/**
 * A per-minute sliding-window limiter. `bucket` names what is limited (`key:<id>`,
 * `tenant:<id>`…); `perMinute` comes from the tenant's plan, so it is passed per call.
 */
export interface RateLimiter {
  readonly kind: "memory" | "upstash";
  limit(bucket: string, perMinute: number): Promise<LimitResult>;
}

export const WINDOW_MS = 60_000;
