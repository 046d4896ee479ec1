import { WINDOW_MS, type LimitResult, type RateLimiter } from "./limiter";

type Windows = { window: number; current: number; previous: number };

/**
 * The embedded default: the same sliding-window approximation @upstash/ratelimit uses (this
 * window's count plus the previous window's, weighted by how much of it still overlaps), kept
 * in this process. Right for one instance; several instances need Upstash.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly kind = "memory" as const;
  private readonly buckets = new Map<string, Windows>();
  private sweeps = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async limit(bucket: string, perMinute: number): Promise<LimitResult> {
    const now = this.now();
    const window = Math.floor(now / WINDOW_MS);
    let state = this.buckets.get(bucket);
    if (!state || state.window < window - 1) state = { window, current: 0, previous: 0 };
    else if (state.window === window - 1) state = { window, current: 0, previous: state.current };
    const elapsed = (now % WINDOW_MS) / WINDOW_MS;
    const used = Math.floor(state.previous * (1 - elapsed)) + state.current;
    const resetMs = (window + 1) * WINDOW_MS;
    if (used >= perMinute) {
      this.buckets.set(bucket, state);
      return { success: false, limit: perMinute, remaining: 0, resetMs };
    }
    state.current += 1;
    this.buckets.set(bucket, state);
    if (++this.sweeps % 10_000 === 0) this.sweep(window);
    return { success: true, limit: perMinute, remaining: Math.max(0, perMinute - used - 1), resetMs };
  }

  /** Forget buckets idle for two windows, so memory stays bounded by active callers. */
  private sweep(window: number) {
    for (const [bucket, state] of this.buckets) if (state.window < window - 1) this.buckets.delete(bucket);
  }
}
