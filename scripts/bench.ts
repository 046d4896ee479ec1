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
 * Options: see scripts/bench/options.ts. The series are in scripts/bench/series/, the report in
 * scripts/bench/report.ts.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureBuild } from "./bench/build";
import { createBenchDatabase } from "./bench/database";
import { describeMachine } from "./bench/machine";
import { parseOptions } from "./bench/options";
import { cleanupAll, installSignalHandlers } from "./bench/processes";
import { renderReport, writeDocs, type AppSeries, type BenchReport } from "./bench/report";
import { measureApp } from "./bench/series/app";
import { measureBare } from "./bench/series/bare";
import { startBridge, type App, type Bridge, type Limiter } from "./bench/services";

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
