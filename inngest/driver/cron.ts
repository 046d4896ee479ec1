/**
 * Five-field cron (minute hour day-of-month month day-of-week, UTC) as Inngest accepts it: `*`,
 * numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, lists `a,b`. A `TZ=…` prefix is read but the
 * schedule is evaluated in UTC (documented in inngest/driver/README.md).
 */
type Field = Set<number>;

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

function field(text: string, [lo, hi]: [number, number]): Field {
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const [range, stepText] = part.split("/");
    const step = stepText ? Number(stepText) : 1;
    const [a, b] =
      range === "*" ? [lo, hi] : range!.includes("-") ? range!.split("-").map(Number) : [Number(range), stepText ? hi : Number(range)];
    if (![a, b, step].every(Number.isInteger) || step! < 1 || a! < lo || b! > hi + (hi === 6 ? 1 : 0))
      throw new Error(`Bad cron field "${text}"`);
    for (let v = a!; v <= b!; v += step) out.add(hi === 6 && v === 7 ? 0 : v);
  }
  return out;
}

export type CronSchedule = { minute: Field; hour: Field; dom: Field; month: Field; dow: Field; anyDom: boolean; anyDow: boolean };

export function parseCron(source: string): CronSchedule {
  const parts = source
    .replace(/^TZ=\S+\s+/, "")
    .trim()
    .split(/\s+/);
  if (parts.length !== 5) throw new Error(`Unsupported cron "${source}": five fields expected`);
  const [minute, hour, dom, month, dow] = parts.map((p, i) => field(p, RANGES[i]!));
  return { minute: minute!, hour: hour!, dom: dom!, month: month!, dow: dow!, anyDom: parts[2] === "*", anyDow: parts[4] === "*" };
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dom = s.dom.has(d.getUTCDate());
  const dow = s.dow.has(d.getUTCDay());
  // Classic cron: when both day fields are restricted, either may match.
  if (!s.anyDom && !s.anyDow) return dom || dow;
  return dom && dow;
}

/** The first time strictly after `after` (ms) the schedule fires. */
export function nextCronTime(s: CronSchedule, after: number): number {
  const d = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  for (let guard = 0; guard < 100_000; guard++) {
    if (!s.month.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(s, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
    } else if (!s.hour.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
    } else if (!s.minute.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
    } else return d.getTime();
  }
  throw new Error("cron schedule never fires");
}
