/**
 * The spec's Time String ("300ms", "2h45m", "1d") or an ISO date (what `sleepUntil` sends), as
 * an absolute due time. Durations under a second round up to one second, as the SDK warns.
 */
const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/gy;

export function durationMs(text: string): number | null {
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  for (let match = PART.exec(text); match; match = PART.exec(text)) {
    total += Number(match[1]) * UNITS[match[2]!]!;
    consumed = PART.lastIndex;
  }
  return consumed === text.length && consumed > 0 ? total : null;
}

/** When a sleep or timeout named `text` and reported at `now` is due. */
export function dueAt(text: string, now: number): number {
  const ms = durationMs(text);
  if (ms !== null) return now + Math.max(ms, ms > 0 ? 1_000 : 0);
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new Error(`Unreadable time "${text}"`);
  return at;
}
