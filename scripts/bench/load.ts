/**
 * One load series with autocannon, driven programmatically. Every response's latency is kept
 * (autocannon's own histogram has whole milliseconds, no p95, and only 2xx), so p50/p95/p99 here
 * are exact over all responses of the measured window, in fractional milliseconds.
 */
import { cpus, loadavg } from "node:os";
import autocannon from "autocannon";
import { machineCpuSeconds, pidCpuSeconds, treeCpuSeconds } from "./processes";

export type LoadResult = {
  connections: number;
  seconds: number;
  responses: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  /** 1-minute load average when the series started (the machine may be shared). */
  loadBefore: number;
  /**
   * Cores used on average during the series: by the server under test (its process tree), the
   * Upstash bridge, the Postgres backends of the benchmark database, autocannon (this process),
   * and the whole machine. NaN where not measured.
   */
  cpu: { server: number; bridge: number; postgres: number; loadGenerator: number; machine: number };
};

/** The pids whose CPU use is measured: the server under test (tree), the bridge, Postgres backends. */
export type LoadSpec = {
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** GET unless said; the runs series POSTs a JSON body. */
  method?: "GET" | "POST";
  body?: string;
  serverPid?: number;
  bridgePid?: number;
  postgresPids?: number[];
};

/** The server and the bridge count with their children; Postgres backends are single processes. */
const cpuOf = (pids: number[] | undefined, tree = true) =>
  pids?.length ? pids.reduce((sum, pid) => sum + (tree ? treeCpuSeconds(pid) : pidCpuSeconds(pid)), 0) : Number.NaN;

class Latencies {
  private values = new Float64Array(1 << 16);
  length = 0;
  push(ms: number) {
    if (this.length === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.length++] = ms;
  }
  sorted(): Float64Array {
    return this.values.subarray(0, this.length).sort();
  }
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const loadBefore = loadavg()[0]!;
  const latencies = new Latencies();
  const pids = {
    server: spec.serverPid ? [spec.serverPid] : undefined,
    bridge: spec.bridgePid ? [spec.bridgePid] : undefined,
    postgres: spec.postgresPids,
  };
  const started = {
    at: performance.now(),
    server: cpuOf(pids.server),
    bridge: cpuOf(pids.bridge),
    postgres: cpuOf(pids.postgres, false),
    self: process.cpuUsage(),
    machine: machineCpuSeconds(),
  };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.seconds,
        headers: spec.headers,
        method: spec.method ?? "GET",
        body: spec.body,
        // A response slower than this counts as a timeout (an error), not a latency.
        timeout: 30,
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const elapsed = (performance.now() - started.at) / 1000;
        const machine = machineCpuSeconds();
        const self = process.cpuUsage(started.self);
        const cpu = {
          server: (cpuOf(pids.server) - started.server) / elapsed,
          bridge: (cpuOf(pids.bridge) - started.bridge) / elapsed,
          postgres: (cpuOf(pids.postgres, false) - started.postgres) / elapsed,
          loadGenerator: (self.user + self.system) / 1e6 / elapsed,
          machine: ((machine.busy - started.machine.busy) / (machine.total - started.machine.total)) * cpus().length,
        };
        const sorted = latencies.sorted();
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat?.count ?? 0;
        resolve({
          connections: spec.connections,
          seconds: result.duration,
          responses: sorted.length,
          rps: sorted.length / result.duration,
          p50: percentile(sorted, 0.5),
          p95: percentile(sorted, 0.95),
          p99: percentile(sorted, 0.99),
          max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
          non2xx: result.non2xx,
          statusCodes,
          errors: result.errors,
          timeouts: result.timeouts,
          loadBefore,
          cpu,
        });
      },
    );
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  });
}

/** Discarded load (JIT, pools, caches), then the measured series. */
export async function warmThenMeasure(spec: LoadSpec, warmupSeconds: number): Promise<{ warmup: LoadResult | null; measured: LoadResult }> {
  const warmup = warmupSeconds > 0 ? await runLoad({ ...spec, seconds: warmupSeconds }) : null;
  const measured = await runLoad(spec);
  return { warmup, measured };
}

export const fmtMs = (ms: number) => (Number.isNaN(ms) ? "–" : ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0));
export const fmtRps = (rps: number) => Math.round(rps).toLocaleString("en-US");

export function describe(result: LoadResult): string {
  const codes = Object.entries(result.statusCodes)
    .map(([code, n]) => `${code}×${n}`)
    .join(" ");
  return (
    `c=${String(result.connections).padStart(3)}  ${fmtRps(result.rps).padStart(7)} req/s  ` +
    `p50 ${fmtMs(result.p50)}  p95 ${fmtMs(result.p95)}  p99 ${fmtMs(result.p99)} ms  ` +
    `non-2xx ${result.non2xx}  errors ${result.errors}  [${codes}]  load ${result.loadBefore.toFixed(2)}  ` +
    `cores: server ${result.cpu.server.toFixed(2)}${Number.isNaN(result.cpu.bridge) ? "" : `, bridge ${result.cpu.bridge.toFixed(2)}`}` +
    `${Number.isNaN(result.cpu.postgres) ? "" : `, postgres ${result.cpu.postgres.toFixed(2)}`}, autocannon ${result.cpu.loadGenerator.toFixed(2)}, machine ${result.cpu.machine.toFixed(2)}`
  );
}
