/** The runs section: `POST /api/v1/agents/{id}/runs` against DESIGN.md's budget, next to a read and the bare server. */
import { fmtMs, fmtRps, type LoadResult } from "../load";
import { pct, ratio, SERVER_LABEL, times } from "./format";
import type { BenchReport } from "./types";
import { best } from "./verdict";

/** The runs series against DESIGN.md's budget, and what one run costs next to a read and to the bare server. */
export function runsSummary(report: BenchReport): string[] {
  const withRuns = report.series.filter((s) => s.runs?.results.length);
  if (!withRuns.length) return [];
  const bareAt = (c: number) => report.bare.find((b) => b.connections === c);
  const perRun = (r: LoadResult, cores: number) => (Number.isNaN(cores) || !(r.rps > 0) ? Number.NaN : (cores / r.rps) * 1000);
  const lines = [
    "### Runs: `POST /api/v1/agents/{id}/runs`, `local` provider",
    "",
    `Each request runs the seeded customer-service agent on “${report.app.runsQuestion}”: API key → tenant, the input guard, the \`local\` model calling \`knowledge_search\` (Postgres full-text search) and composing an answer that cites “${report.app.runsDocument}”, the output guard over the answer, and the run with its steps written in their own short transactions; the JSON answer is the stored run.`,
    "",
    "| Server | Conns | runs/s | p50 ms | p99 ms | CPU ms per run: server / + bridge + Postgres | runs/s vs bare | p99 vs bare | CPU per run vs `GET /api/v1/tenant` (server) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const s of withRuns) {
    for (const r of s.runs!.results) {
      const server = perRun(r, r.cpu.server);
      const all = server + [r.cpu.bridge, r.cpu.postgres].map((c) => perRun(r, c)).reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0);
      const read = s.results.find((x) => x.connections === r.connections);
      const readCpu = read ? perRun(read, read.cpu.server) : Number.NaN;
      const bare = bareAt(r.connections);
      lines.push(
        `| ${SERVER_LABEL[s.server]} | ${r.connections} | ${fmtRps(r.rps)} | ${fmtMs(r.p50)} | ${fmtMs(r.p99)} | ${fmtMs(server)} / ${fmtMs(all)} | ${bare ? pct(ratio(r.rps, bare.rps)) : "–"} | ${bare ? times(ratio(r.p99, bare.p99)) : "–"} | ${times(ratio(server, readCpu))} |`,
      );
    }
  }
  lines.push("");
  for (const s of withRuns) {
    const design = best(s.runs!.results, (r) => r.p99, 100);
    const stored = s.runs!.stored;
    lines.push(
      design.passing.length
        ? `- **DESIGN.md budget for a run (≥ 1,000 runs/s, p99 < 100 ms) on ${SERVER_LABEL[s.server]}: MET** at ${design.passing.map((r) => `${r.connections} connections (${fmtRps(r.rps)} runs/s, p99 ${fmtMs(r.p99)} ms)`).join(", ")}.`
        : `- **DESIGN.md budget for a run (≥ 1,000 runs/s, p99 < 100 ms) on ${SERVER_LABEL[s.server]}: NOT MET.** Best: ${fmtRps(design.top?.rps ?? 0)} runs/s at ${design.top?.connections} connections (p99 ${fmtMs(design.top?.p99 ?? Number.NaN)} ms).`,
    );
    lines.push(
      `  Stored by then: ${stored.runs} runs (${Object.entries(stored.byStatus)
        .map(([status, n]) => `${status} ${n}`)
        .join(", ")}), ${stored.stepsPerRun.toFixed(1)} steps each.`,
    );
  }
  const top = withRuns.flatMap((s) => s.runs!.results.map((r) => ({ s, r }))).sort((a, b) => b.r.rps - a.r.rps)[0];
  if (top) {
    const server = perRun(top.r, top.r.cpu.server);
    const all =
      server + [top.r.cpu.bridge, top.r.cpu.postgres].map((c) => perRun(top.r, c)).reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0);
    lines.push(
      "",
      `At its best (${SERVER_LABEL[top.s.server]}, ${top.r.connections} connections) a run costs ${fmtMs(all)} ms of CPU counting Postgres and the bridge, so ${report.machine.cpuCount} cores cannot serve more than about ${fmtRps((report.machine.cpuCount * 1000) / all)} runs/s however the processes are arranged (load generator not counted).`,
    );
  }
  lines.push("");
  return lines;
}
