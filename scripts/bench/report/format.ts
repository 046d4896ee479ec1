/** Cell formats and labels shared by the report's tables and sentences. */
import { fmtMs, fmtRps, type LoadResult } from "../load";
import type { AppSeries } from "./types";

export const mib = (kb: number | undefined) => (kb === undefined ? "–" : `${(kb / 1024).toFixed(0)} MiB`);
export const ratio = (a: number, b: number | undefined) => (b && Number.isFinite(a) && Number.isFinite(b) ? a / b : Number.NaN);
export const pct = (r: number) => (Number.isNaN(r) ? "–" : `${(r * 100).toFixed(r < 0.1 ? 1 : 0)} %`);
export const times = (r: number) => (Number.isNaN(r) ? "–" : `×${r.toFixed(r < 10 ? 1 : 0)}`);
export const clean = (r: LoadResult) => r.non2xx === 0 && r.errors === 0;

export function codes(r: LoadResult): string {
  const bad = Object.entries(r.statusCodes).filter(([code]) => !code.startsWith("2"));
  return bad.length ? bad.map(([code, n]) => `${code}×${n}`).join(" ") : "";
}

export function row(label: string, r: LoadResult, bare: LoadResult | undefined): string {
  const non2xx = r.non2xx > 0 ? `**${r.non2xx}** ${codes(r)}` : "0";
  const errors = r.errors > 0 ? `**${r.errors}**${r.timeouts ? ` (${r.timeouts} timeouts)` : ""}` : "0";
  const perRequest = (cores: number) => (Number.isNaN(cores) ? "–" : fmtMs((cores / r.rps) * 1000));
  const cpuMs = [r.cpu.server, r.cpu.bridge, r.cpu.postgres].map(perRequest).join(" / ");
  const cores = `${r.cpu.server.toFixed(2)} / ${r.cpu.loadGenerator.toFixed(2)} / ${r.cpu.machine.toFixed(2)}`;
  return `| ${label} | ${r.connections} | ${fmtRps(r.rps)} | ${fmtMs(r.p50)} | ${fmtMs(r.p95)} | ${fmtMs(r.p99)} | ${non2xx} | ${errors} | ${bare ? pct(ratio(r.rps, bare.rps)) : "–"} | ${bare ? times(ratio(r.p99, bare.p99)) : "–"} | ${cpuMs} | ${cores} | ${r.loadBefore.toFixed(1)} |`;
}

export const LIMITER_LABEL = { upstash: "Upstash REST → bridge → Redis", memory: "in-process" } as const;
export const SERVER_LABEL = { next: "`next start`", "api-tier": "API tier (`scripts/api-server.ts`)" } as const;
export const seriesLabel = (s: AppSeries) => `${SERVER_LABEL[s.server]}, limiter: ${LIMITER_LABEL[s.limiter]}`;
