import type { LimitResult, RateLimiter } from "./limiter";

/** One limit an attempt must pass: a bucket and its allowance per minute. */
export type Gate = { bucket: string; perMinute: number };

export type GateResult = { allowed: boolean; retryAfterSeconds: number; results: LimitResult[] };

/**
 * Passes an attempt through several limits at once (per IP, per address, global…). Every gate
 * counts the attempt, so a caller cannot dodge one limit by tripping another; the attempt is
 * refused if any gate is exhausted, until the latest of them frees up.
 */
export async function passGates(limiter: RateLimiter, gates: Gate[], now = Date.now()): Promise<GateResult> {
  const results = await Promise.all(gates.map((g) => limiter.limit(g.bucket, g.perMinute)));
  const refused = results.filter((r) => !r.success);
  if (refused.length === 0) return { allowed: true, retryAfterSeconds: 0, results };
  const resetMs = Math.max(...refused.map((r) => r.resetMs));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now) / 1000)), results };
}

/**
 * A per-IP gate, or none when the client IP is unknown (no proxy told us). Lumping every
 * unknown client into one bucket would turn a per-IP limit into a tiny global one that anyone
 * could exhaust to lock everybody out; the per-address and global gates still apply.
 */
export const ipGate = (prefix: string, ip: string | null, perMinute: number): Gate[] =>
  ip ? [{ bucket: `${prefix}:ip:${ip}`, perMinute }] : [];
