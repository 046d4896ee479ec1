/**
 * `npm run bench`: baseline figures for the authenticated REST hot path, in one run on this
 * machine (issue 2, "Baseline figures"). Not part of `npm test`.
 *
 *   1. builds the production app into .next-bench if there is no build there (--rebuild, --reuse-build);
 *   2. creates, migrates and seeds a fresh Postgres database (enterprise plan, API keys);
 *   3. measures a bare Node `http` server, then `GET /api/v1/tenant` on `next start` and on the
 *      lean API tier (scripts/api-server.ts) with rate limits through the Upstash bridge to the
 *      local Redis (and again with the in-process limiter), then on each server `POST
 *      /api/v1/agents/{id}/runs` (a customer-service agent on the `local` provider: guard on input
 *      and output, knowledge search, the run and its steps stored) and `GET /api/health`, with
 *      autocannon at several concurrency levels;
 *   4. reads the app's memory at rest and its peak under load;
 *   5. prints the table and writes it to docs/benchmarks.md (below the marker).
 *
 * Every process it starts is stopped and the database dropped on the way out, failure or signal.
 * Options: see scripts/bench/options.ts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureBuild } from "./bench/build";
import { createBenchDatabase, type BenchDatabase, type Seeded } from "./bench/database";
import { describe, runLoad, warmThenMeasure, type LoadResult } from "./bench/load";
import { describeMachine } from "./bench/machine";
import { parseOptions, type BenchOptions } from "./bench/options";
import { cleanupAll, installSignalHandlers, readRss, sampleRss } from "./bench/processes";
import { renderReport, writeDocs, type AppSeries, type BenchReport, type RunsSeries } from "./bench/report";
import {
  countLog,
  startApp,
  startBare,
  startBridge,
  type App,
  type Bridge,
  type DatabaseUrls,
  type Limiter,
  type ServerShape,
} from "./bench/services";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

async function measureBare(root: string, options: BenchOptions, logDir: string): Promise<LoadResult[]> {
  console.log("\n== bare Node http ==");
  const bare = await startBare(root, options, logDir);
  const results: LoadResult[] = [];
  try {
    await runLoad({ url: bare.url, connections: 10, seconds: options.initialWarmupSeconds });
    for (const connections of options.levels) {
      const { measured } = await warmThenMeasure(
        { url: bare.url, connections, seconds: options.durationSeconds, serverPid: bare.pid },
        options.warmupSeconds,
      );
      console.log(describe(measured));
      results.push(measured);
    }
  } finally {
    await bare.stop();
  }
  return results;
}

/** One request by hand: the key works, it names the seeded tenant, on the enterprise plan. */
async function checkOneRequest(app: App, seeded: Seeded, key: string) {
  const res = await fetch(`${app.baseUrl}/api/v1/tenant`, { headers: bearer(key) });
  const body = (await res.json()) as { slug?: string; planId?: string };
  if (res.status !== 200 || body.slug !== seeded.slug || body.planId !== "enterprise") {
    throw new Error(`GET /api/v1/tenant answered ${res.status} ${JSON.stringify(body)}; expected 200 for ${seeded.slug} on enterprise.`);
  }
  const limit = res.headers.get("ratelimit-limit");
  console.log(
    `check: 200, tenant ${body.slug}, plan ${body.planId}, RateLimit-Limit ${limit}, x-request-id ${res.headers.get("x-request-id") ? "present" : "missing"}`,
  );
}

type RunAnswer = {
  id?: string;
  status?: string;
  output?: string | null;
  riskLevel?: string;
  guard?: { input?: { action: string }; output?: { action: string } } | null;
};

/**
 * One run by hand before any load: 200, completed, the answer says what the document says and
 * cites it by title, both guard sides allowed it, and the run and its steps are in the database.
 */
async function checkOneRun(app: App, seeded: Seeded, key: string, db: BenchDatabase) {
  const { runs } = seeded;
  const res = await fetch(`${app.baseUrl}/api/v1/agents/${runs.agentId}/runs`, {
    method: "POST",
    headers: { ...bearer(key), "content-type": "application/json" },
    body: JSON.stringify({ input: runs.question }),
  });
  const run = (await res.json().catch(() => ({}))) as RunAnswer;
  const output = run.output ?? "";
  // The local model numbers its sources ("… 30 days … [1]", then "[1] Returns policy").
  const cited = new RegExp(`\\[(\\d+)\\] ${runs.documentTitle}`).test(output);
  if (res.status !== 200 || run.status !== "completed" || !output.includes(runs.expected) || !cited) {
    throw new Error(
      `POST /api/v1/agents/{id}/runs answered ${res.status} ${JSON.stringify(run).slice(0, 600)}; expected 200, completed, “${runs.expected}”, citing “${runs.documentTitle}”.`,
    );
  }
  if (run.guard?.input?.action !== "allow" || run.guard?.output?.action !== "allow") {
    throw new Error(`the guard did not pass the checked run on both sides: ${JSON.stringify(run.guard)}`);
  }
  const steps = await db.ownerSql("select kind from run_steps where run_id = $1 order by ordinal", [run.id]);
  console.log(
    `check: 200, run ${run.id} completed, risk ${run.riskLevel}, cites “${runs.documentTitle}”, ${steps.length} steps stored (${steps.map((s) => s.kind).join(", ")})`,
  );
  console.log(`  answer: ${output.replace(/\s+/g, " ").slice(0, 160)}…`);
}

/**
 * The runs series on a started app: one checked run, a warm-up, then each level with a fresh
 * `run:create` key. Counts what was stored afterwards, so a series that "ran" without writing
 * its runs and steps cannot pass unnoticed.
 */
async function measureRuns(
  app: App,
  options: BenchOptions,
  seeded: Seeded,
  nextRunKey: () => string,
  db: BenchDatabase,
  pids: { serverPid: number; bridgePid?: number; postgresPids: () => Promise<number[]> },
): Promise<RunsSeries> {
  const { runs } = seeded;
  const url = `${app.baseUrl}/api/v1/agents/${runs.agentId}/runs`;
  const request = (key: string) => ({
    url,
    method: "POST" as const,
    body: JSON.stringify({ input: runs.question }),
    headers: { ...bearer(key), "content-type": "application/json" },
  });
  const warmKey = runs.keys[0]!;
  await checkOneRun(app, seeded, warmKey, db);
  const [before] = await db.ownerSql("select count(*)::int as n from runs where tenant_id = $1", [seeded.tenantId]);
  const warm = await runLoad({ ...request(warmKey), connections: 10, seconds: options.initialWarmupSeconds });
  if (warm.non2xx > 0 || warm.errors > 0) console.error(`!! runs warm-up: ${describe(warm)}`);
  // Read after the warm-up: runs hold more pool connections at once than a read does.
  const cpuPids = { serverPid: pids.serverPid, bridgePid: pids.bridgePid, postgresPids: await pids.postgresPids() };
  const sampler = sampleRss(app.pid);
  const results: LoadResult[] = [];
  for (const connections of options.levels) {
    const { measured } = await warmThenMeasure(
      { ...request(nextRunKey()), connections, seconds: options.durationSeconds, ...cpuPids },
      options.warmupSeconds,
    );
    console.log(`runs ${describe(measured)}`);
    if (measured.non2xx > 0) console.error(`!! runs: ${measured.non2xx} non-2xx responses at ${connections} connections`);
    results.push(measured);
  }
  const { peak } = sampler.stop();
  // Runs still in flight when the load stopped finish on their own: count once none is running (or after 30 s).
  for (let waited = 0; waited < 30_000; waited += 500) {
    const [running] = await db.ownerSql("select count(*)::int as n from runs where tenant_id = $1 and status = 'running'", [
      seeded.tenantId,
    ]);
    if (Number(running?.n) === 0) break;
    await sleep(500);
  }
  const stored = await db.ownerSql(
    `select r.status, count(*)::int as runs, sum((select count(*) from run_steps s where s.run_id = r.id))::int as steps
       from runs r where r.tenant_id = $1 group by r.status order by r.status`,
    [seeded.tenantId],
  );
  const byStatus = Object.fromEntries(stored.map((row) => [String(row.status), Number(row.runs)]));
  const total = stored.reduce((sum, row) => sum + Number(row.runs), 0);
  const steps = stored.reduce((sum, row) => sum + Number(row.steps), 0);
  console.log(
    `runs stored for this server: ${total - Number(before?.n ?? 0)} (tenant total ${total}: ${JSON.stringify(byStatus)}), ${(steps / Math.max(total, 1)).toFixed(1)} steps per run`,
  );
  return { results, rssPeak: peak, stored: { runs: total, byStatus, stepsPerRun: total ? steps / total : 0 } };
}

async function measureApp(
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

async function main() {
  const options = parseOptions(process.argv.slice(2));
  // The seeding code (imported later) reads the environment on load: keep it quiet here.
  process.env.LOG_LEVEL = "silent";
  installSignalHandlers();
  const root = process.cwd();
  const logDir = mkdtempSync(path.join(tmpdir(), "agentry-bench-"));
  console.log(`logs of the processes under test: ${logDir}`);

  const build = await ensureBuild(root, options.distDir, options.build);
  const db = await createBenchDatabase(options.adminDatabaseUrl);
  console.log(`database ${db.name} created and migrated`);
  const limiters: Limiter["kind"][] = options.memoryLimiterSeries ? ["upstash", "memory"] : ["upstash"];
  // Key 0 for checks and warm-ups, then a fresh key for each measured level.
  const seeded = await db.seed(
    1 + options.levels.length * limiters.length * options.servers.length,
    options.runsSeries ? 1 + options.levels.length * options.servers.length : 0,
  );
  console.log(
    `seeded tenant ${seeded.slug} (plan ${seeded.planId}) with ${seeded.keys.length} tenant:read keys, ${seeded.runs.keys.length} run:create keys, agent ${seeded.runs.agentId} and “${seeded.runs.documentTitle}”`,
  );
  const machine = await describeMachine(db.postgresVersion, options.redisUrl);
  let keyIndex = 1;
  const nextKey = () => seeded.keys[keyIndex++]!;
  let runKeyIndex = 1;
  const nextRunKey = () => seeded.runs.keys[runKeyIndex++]!;

  const bare = await measureBare(root, options, logDir);

  const series: AppSeries[] = [];
  const health: BenchReport["health"] = [];
  let appInfo: App | null = null;
  let bridge: Bridge | null = null;
  for (const server of options.servers)
    for (const kind of limiters) {
      let limiter: Limiter;
      if (kind === "upstash") {
        bridge = await startBridge(root, options, logDir);
        limiter = { kind, bridge };
      } else {
        limiter = { kind };
      }
      const postgresPids = async () =>
        (await db.ownerSql("select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")).map((row) =>
          Number(row.pid),
        );
      const measured = await measureApp(
        root,
        options,
        logDir,
        db.urls,
        limiter,
        seeded,
        nextKey,
        kind === "upstash" && options.healthSeries,
        postgresPids,
        server,
        // Runs once per server, in the production shape (Upstash limiter).
        kind === "upstash" && options.runsSeries ? { nextRunKey, db } : null,
      );
      series.push(measured.series);
      if (measured.health) health.push({ server, result: measured.health });
      appInfo ??= measured.app;
      if (bridge) {
        await bridge.stop();
        bridge = null;
      }
    }

  const report: BenchReport = {
    options,
    machine,
    build,
    app: {
      logLevel: appInfo!.logLevel,
      poolMax: appInfo!.poolMax,
      rateLimitTimeoutMs: appInfo!.rateLimitTimeoutMs,
      planId: seeded.planId,
      keys: seeded.keys.length,
      runKeys: seeded.runs.keys.length,
      runsDocument: seeded.runs.documentTitle,
      runsQuestion: seeded.runs.question,
    },
    bare,
    series,
    health,
  };
  const markdown = renderReport(report);
  console.log(`\n${markdown}`);
  if (options.writeDocs) {
    writeDocs(path.join(root, "docs/benchmarks.md"), markdown);
    console.log("written to docs/benchmarks.md");
  }
}

main().then(
  async () => {
    await cleanupAll();
    process.exit(0);
  },
  async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await cleanupAll();
    process.exit(1);
  },
);
