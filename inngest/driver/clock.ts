/**
 * The driver's only source of time. Production uses the wall clock; the test engine
 * (tests/support/inngest-engine.ts) moves a fake one forward, so sleeps and timeouts due within
 * `drain({ advanceMs })` fire without a real sleep. Every due time the driver stores was computed
 * with this clock, and every "is it due?" query passes `now()` in rather than using SQL `now()`.
 */
export type Clock = { now(): number };

export const systemClock: Clock = { now: () => Date.now() };

/**
 * The wall clock plus an offset that only grows (tests): time keeps flowing as it really does, so
 * rows written by other code with real timestamps are never "in the future", and `advance` / `set`
 * jump ahead to whatever is due.
 */
export function offsetClock(): Clock & { advance(ms: number): void; set(ms: number): void } {
  let offset = 0;
  const now = () => Date.now() + offset;
  return {
    now,
    advance: (ms) => void (offset += Math.max(0, ms)),
    set: (ms) => void (offset += Math.max(0, ms - now())),
  };
}
