/**
 * One app server (next start or the API tier) with one rate limiter: `GET /api/v1/tenant` level by
 * level, its memory at rest and under load, then the runs and `/api/health` series when asked.
 */
import type { BenchDatabase, Seeded } from "../database";
import { describe, runLoad, warmThenMeasure, type LoadResult } from "../load";
import type { BenchOptions } from "../options";
import { readRss, sampleRss } from "../processes";
import type { AppSeries } from "../report";
import { countLog, startApp, type App, type DatabaseUrls, type Limiter, type ServerShape } from "../services";
import { bearer } from "./bearer";
import { checkOneRequest } from "./checks";
import { measureRuns } from "./runs";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureApp(
  root: string,
  options: BenchOptions,
  logDir: string,
  databaseUrls: DatabaseUrls,
  limiter: Limiter,
  seeded: Seeded,
  nextKey: () => string,
  withHealth: boolean,
  postgresPids: () => Promise<number[]>,
  server: ServerShape,
  runsSeries: { nextRunKey: () => string; db: BenchDatabase } | null,
): Promise<{ series: AppSeries; health: LoadResult | null; app: App }> {
  console.log(`\n== ${server === "next" ? "next start" : "API tier"}, ${limiter.kind} rate limiter ==`);
  const app = await startApp(root, options, databaseUrls, limiter, logDir, server);
  try {
    const url = `${app.baseUrl}/api/v1/tenant`;
    const warmKey = seeded.keys[0]!;
    await checkOneRequest(app, seeded, warmKey);
    const warm = await runLoad({ url, connections: 10, seconds: options.initialWarmupSeconds, headers: bearer(warmKey) });
    await runLoad({ url: `${app.baseUrl}/api/health`, connections: 10, seconds: 2 });
    if (warm.non2xx > 0 || warm.errors > 0) console.error(`!! warm-up: ${describe(warm)}`);
    await sleep(3_000);
    const rssAtRest = readRss(app.pid);
    console.log(
      `memory at rest: ${rssAtRest ? `${rssAtRest.serverName} (pid ${rssAtRest.serverPid}) ${(rssAtRest.serverRssKb / 1024).toFixed(0)} MiB; tree ${(rssAtRest.treeRssKb / 1024).toFixed(0)} MiB in ${rssAtRest.treePids} processes` : "unreadable"}`,
    );

    // The app's pool is open by now: its Postgres backends are what the DB side of a request costs.
    const cpuPids = {
      serverPid: app.pid,
      bridgePid: limiter.kind === "upstash" ? limiter.bridge.pid : undefined,
      postgresPids: await postgresPids(),
    };
    const sampler = sampleRss(app.pid);
    const results: LoadResult[] = [];
    for (const connections of options.levels) {
      const { measured } = await warmThenMeasure(
        { url, connections, seconds: options.durationSeconds, headers: bearer(nextKey()), ...cpuPids },
        options.warmupSeconds,
      );
      console.log(describe(measured));
      if (measured.non2xx > 0)
        console.error(
          `!! ${measured.non2xx} non-2xx responses at ${connections} connections${measured.statusCodes["429"] ? " (429: the plan's rate limits were hit)" : ""}`,
        );
      results.push(measured);
    }
    const { peak } = sampler.stop();
    console.log(
      `memory peak under load: ${peak ? `${(peak.serverRssKb / 1024).toFixed(0)} MiB (tree ${(peak.treeRssKb / 1024).toFixed(0)} MiB)` : "unreadable"}`,
    );

    const runs = runsSeries
      ? await measureRuns(app, options, seeded, runsSeries.nextRunKey, runsSeries.db, { ...cpuPids, postgresPids })
      : null;

    let health: LoadResult | null = null;
    if (withHealth) {
      const { measured } = await warmThenMeasure(
        { url: `${app.baseUrl}/api/health`, connections: options.healthConnections, seconds: options.durationSeconds, ...cpuPids },
        options.warmupSeconds,
      );
      console.log(`/api/health ${describe(measured)}`);
      health = measured;
    }
    const log = countLog(app.logPath);
    console.log(
      `app log: ${log.lines} lines, ${log.restRequests} rest requests, ${log.warn} warnings, ${log.error} errors, ${log.rateLimitPasses} fail-open rate-limit passes`,
    );
    return { series: { server, limiter: limiter.kind, results, rssAtRest, rssPeak: peak, log, runs }, health, app };
  } finally {
    await app.stop();
  }
}
