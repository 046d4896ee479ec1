import { durationMs } from "./time-string";

/**
 * When attempt `attempt` (0-based, the one that just failed) is retried: exponential from 1 s,
 * doubling, capped at 10 minutes, with ±20 % jitter so a burst of failures does not retry in
 * lock-step. A `RetryAfterError` (the SDK's `retry-after` header: seconds, a duration or a date)
 * wins.
 */
export function retryDelayMs(attempt: number, retryAfter: string | null, now: number, random = Math.random): number {
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
    const duration = durationMs(retryAfter);
    if (duration !== null) return duration;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const base = Math.min(1_000 * 2 ** attempt, 600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
