/** Warnings printed at the top of the results: non-2xx answers, connection errors, fail-open limiters, app errors, runs not completed. */
import type { LoadResult } from "../load";
import { codes } from "./format";
import type { BenchReport } from "./types";

export function loud(report: BenchReport): string[] {
  const out: string[] = [];
  const all: [string, LoadResult][] = [
    ...report.series.flatMap((s) => s.results.map((r): [string, LoadResult] => [`REST (${s.server}, ${s.limiter})`, r])),
    ...report.bare.map((r): [string, LoadResult] => ["bare", r]),
  ];
  for (const { server, result } of report.health) all.push([`health (${server})`, result]);
  for (const s of report.series) for (const r of s.runs?.results ?? []) all.push([`runs (${s.server})`, r]);
  for (const [name, r] of all) {
    if (r.non2xx > 0)
      out.push(
        `> **WARNING: ${name} at ${r.connections} connections got ${r.non2xx} non-2xx responses (${codes(r)})**${r.statusCodes["429"] ? " — 429 means the plan's rate limits were hit" : ""}.`,
      );
    if (r.errors > 0)
      out.push(`> **WARNING: ${name} at ${r.connections} connections had ${r.errors} connection errors (${r.timeouts} timeouts).**`);
  }
  for (const s of report.series) {
    if (s.log.rateLimitPasses > 0)
      out.push(
        `> **WARNING: the ${s.limiter} limiter failed open ${s.log.rateLimitPasses} times (timeout or error): those requests skipped the limit check.**`,
      );
    if (s.log.error > 0) out.push(`> **WARNING: the app logged ${s.log.error} errors during the ${s.limiter} series.**`);
    const notCompleted = Object.entries(s.runs?.stored.byStatus ?? {}).filter(([status]) => status !== "completed");
    if (notCompleted.length)
      out.push(
        `> **WARNING: runs on ${s.server} were stored as ${notCompleted.map(([status, n]) => `${status} ×${n}`).join(", ")} — not every run completed.**`,
      );
  }
  return out;
}
