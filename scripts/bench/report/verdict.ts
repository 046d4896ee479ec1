/** The verdict against the seeds' target and DESIGN.md's budget, and where the main series' ceiling is. */
import { fmtMs, fmtRps, type LoadResult } from "../load";
import { clean } from "./format";
import type { AppSeries } from "./types";

/** Whether a series reached `rps` with the given percentile under `ms`, clean, at some level. */
export function best(results: LoadResult[], pick: (r: LoadResult) => number, ms: number) {
  const passing = results.filter((r) => clean(r) && r.rps >= 1000 && pick(r) < ms);
  const top = [...results].sort((a, b) => b.rps - a.rps)[0];
  return { passing, top };
}

/** What bounds the main series, from its busiest level: is one event loop saturated, what does a request cost in CPU? */
function ceiling(main: AppSeries, cpuCount: number): string[] {
  const top = [...main.results].sort((a, b) => b.connections - a.connections)[0];
  if (!top || !(top.rps > 0)) return [];
  const ms = (cores: number) => (Number.isNaN(cores) ? 0 : (cores / top.rps) * 1000);
  const app = ms(top.cpu.server);
  const total = app + ms(top.cpu.bridge) + ms(top.cpu.postgres);
  return [
    "",
    `Where the ceiling is (at ${top.connections} connections): the server process used ${top.cpu.server.toFixed(2)} cores — ` +
      `${top.cpu.server > 0.9 ? "one event loop saturated, so the app is CPU-bound in its single process" : "not a full core, so it was waiting (on Postgres, the limiter or a busy machine)"} — ` +
      `at ${fmtMs(app)} ms of CPU per request, i.e. about ${fmtRps(1000 / app)} req/s per process. Counting Postgres and the bridge, a request costs ${fmtMs(total)} ms of CPU, ` +
      `so at this cost ${cpuCount} cores cannot serve more than about ${fmtRps((cpuCount * 1000) / total)} req/s however the processes are arranged (load generator not counted).`,
  ];
}

export function verdict(main: AppSeries | undefined, cpuCount: number): string[] {
  if (!main) return ["No REST series ran."];
  const seeds = best(main.results, (r) => r.p95, 200);
  const design = best(main.results, (r) => r.p99, 100);
  const line = (name: string, goal: string, outcome: typeof seeds, pctl: "p95" | "p99") =>
    outcome.passing.length
      ? `- **${name} (${goal}): MET** at ${outcome.passing.map((r) => `${r.connections} connections (${fmtRps(r.rps)} req/s, ${pctl} ${fmtMs(r[pctl])} ms)`).join(", ")}.`
      : `- **${name} (${goal}): NOT MET.** Best throughput: ${fmtRps(outcome.top?.rps ?? 0)} req/s at ${outcome.top?.connections} connections (${pctl} ${fmtMs(outcome.top?.[pctl] ?? Number.NaN)} ms).`;
  return [
    line("Seeds' target", "1,000+ requests/s at p95 < 200 ms", seeds, "p95"),
    line("DESIGN.md budget", "at least 1,000 requests/s, p99 under 100 ms", design, "p99"),
    "",
    "Both are judged on the main series (rate limiting through the Upstash bridge, the production shape) with every response a 200. DESIGN.md's budget names an authenticated REST *run* with the `local` provider: the runs series above is judged on it; `GET /api/v1/tenant` is the floor of the authenticated path (key → tenant transaction → one indexed row).",
    ...ceiling(main, cpuCount),
  ];
}
