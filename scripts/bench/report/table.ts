/** The main table (every series and level) and the memory table. */
import type { RssReading } from "../processes";
import { mib, row, SERVER_LABEL, seriesLabel } from "./format";
import type { BenchReport } from "./types";

export function renderTable(report: BenchReport): string {
  const lines = [
    "| Series | Conns | req/s | p50 ms | p95 ms | p99 ms | non-2xx | errors | req/s vs bare | p99 vs bare | CPU ms/req: server / bridge / Postgres | cores busy: server / autocannon / machine | load (1 min) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const bareAt = (c: number) => report.bare.find((b) => b.connections === c);
  for (const series of report.series) {
    for (const r of series.results) lines.push(row(`REST \`GET /api/v1/tenant\`, ${seriesLabel(series)}`, r, bareAt(r.connections)));
  }
  for (const series of report.series) {
    for (const r of series.runs?.results ?? [])
      lines.push(
        row(`**run** \`POST /api/v1/agents/{id}/runs\`, \`local\` provider, ${SERVER_LABEL[series.server]}`, r, bareAt(r.connections)),
      );
  }
  for (const r of report.bare) lines.push(row("bare Node `http`, small JSON", r, undefined));
  for (const { server, result } of report.health) {
    lines.push(row(`\`GET /api/health\` on ${SERVER_LABEL[server]} (no DB, no auth)`, result, bareAt(result.connections)));
  }
  lines.push("");
  lines.push("| App memory (VmRSS) | server at rest, after warm-up | server peak under load | whole process tree, peak |");
  lines.push("|---|---:|---:|---:|");
  const processes = (peak: RssReading | null | undefined) => (peak?.treePids === 1 ? "1 process" : `${peak?.treePids ?? "?"} processes`);
  for (const series of report.series) {
    lines.push(
      `| ${seriesLabel(series)} | ${mib(series.rssAtRest?.serverRssKb)} | ${mib(series.rssPeak?.serverRssKb)} | ${mib(series.rssPeak?.treeRssKb)} (${processes(series.rssPeak)}) |`,
    );
    if (series.runs)
      lines.push(
        `| runs on ${SERVER_LABEL[series.server]} | – | ${mib(series.runs.rssPeak?.serverRssKb)} | ${mib(series.runs.rssPeak?.treeRssKb)} (${processes(series.runs.rssPeak)}) |`,
      );
  }
  return lines.join("\n");
}
