/**
 * Circuit breakers, one per (tenant, provider). A failure (error or timeout) is counted in a
 * sliding window; `failureThreshold` failures within `windowMs` open the breaker, and the
 * provider is skipped for `cooldownMs`. Then it is half-open: one call is let through as a probe
 * (others keep skipping it); its success closes the breaker, its failure opens it for another
 * cooldown.
 *
 * The state lives in this process (a Map). That is right for one server and harmless for several
 * (each learns on its own, a little later). Everything goes through the `BreakerStore`
 * interface so that a shared store (Redis: a sorted set of failure times and a key with the
 * open-until time per breaker) can replace it without touching the callers.
 */

export type BreakerState = "closed" | "open" | "half_open";

export type BreakerOptions = { failureThreshold: number; windowMs: number; cooldownMs: number };
export const DEFAULT_BREAKER: BreakerOptions = { failureThreshold: 3, windowMs: 60_000, cooldownMs: 30_000 };

export interface BreakerStore {
  /** May a call go to this provider now? In half-open, only the first asker gets true (the probe). */
  acquire(key: string, now: number): { allowed: boolean; state: BreakerState };
  recordSuccess(key: string, now: number): void;
  recordFailure(key: string, now: number): void;
  /** The call ended neither way (the caller gave up): a half-open breaker's probe is free again. */
  release(key: string): void;
  /** What the breaker is, without claiming the probe (for health pages and tests). */
  peek(key: string, now: number): BreakerState;
}

export const breakerKey = (tenantId: string, provider: string) => `${tenantId}:${provider}`;

type Entry = { failures: number[]; openUntil: number | null; probing: boolean };

export class MemoryBreakerStore implements BreakerStore {
  private readonly entries = new Map<string, Entry>();
  constructor(private readonly options: BreakerOptions = DEFAULT_BREAKER) {}

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { failures: [], openUntil: null, probing: false };
      this.entries.set(key, entry);
    }
    return entry;
  }

  peek(key: string, now: number): BreakerState {
    const entry = this.entries.get(key);
    if (!entry || entry.openUntil === null) return "closed";
    return now < entry.openUntil ? "open" : "half_open";
  }

  acquire(key: string, now: number) {
    const state = this.peek(key, now);
    if (state === "closed") return { allowed: true, state };
    if (state === "open") return { allowed: false, state };
    const entry = this.entry(key);
    if (entry.probing) return { allowed: false, state };
    entry.probing = true;
    return { allowed: true, state };
  }

  release(key: string): void {
    const entry = this.entries.get(key);
    if (entry) entry.probing = false;
  }

  recordSuccess(key: string, _now?: number): void {
    // Closed again: forget the failures that opened it.
    this.entries.delete(key);
  }

  recordFailure(key: string, now: number): void {
    const entry = this.entry(key);
    if (entry.openUntil !== null) {
      // A failed probe (or a call that started before the breaker opened): another full cooldown.
      entry.openUntil = now + this.options.cooldownMs;
      entry.probing = false;
      return;
    }
    entry.failures = entry.failures.filter((t) => t > now - this.options.windowMs);
    entry.failures.push(now);
    if (entry.failures.length >= this.options.failureThreshold) {
      entry.openUntil = now + this.options.cooldownMs;
      entry.failures = [];
    }
    // Keep the map from growing with tenants that failed once, long ago.
    if (this.entries.size > 10_000) this.prune(now);
  }

  private prune(now: number) {
    for (const [key, entry] of this.entries) {
      if (entry.openUntil === null && entry.failures.every((t) => t <= now - this.options.windowMs)) this.entries.delete(key);
    }
  }
}

/** The process's breakers (runs use this one; tests make their own). */
export const breakers: BreakerStore = new MemoryBreakerStore();
