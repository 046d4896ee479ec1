/**
 * The Markdown the bench prints and writes under the marker in docs/benchmarks.md (what is above
 * the marker is hand-written and kept): the results page, put together from the parts in
 * scripts/bench/report/ (types, format, table, runs, verdict, warnings, docs), with the method text.
 */
import { SERVER_LABEL } from "./report/format";
import { runsSummary } from "./report/runs";
import { renderTable } from "./report/table";
import type { BenchReport } from "./report/types";
import { verdict } from "./report/verdict";
import { loud } from "./report/warnings";

export { MARKER, PREVIOUS_MARKER, writeDocs } from "./report/docs";
export { renderTable } from "./report/table";
export type { AppSeries, BenchReport, RunsSeries } from "./report/types";

export function renderReport(report: BenchReport): string {
  const { machine: m, options: o, build: b, app } = report;
  const mains = report.series.filter((s) => s.limiter === "upstash");
  const main = mains[0] ?? report.series[0];
  const warnings = loud(report);
  return [
    `## Results — ${m.date.slice(0, 10)}`,
    "",
    ...(warnings.length
      ? [...warnings, ""]
      : ["Every response in every measured series was a 2xx; no connection errors; no rate-limit check failed open.", ""]),
    renderTable(report),
    "",
    ...runsSummary(report),
    "### Against the targets",
    "",
    ...(mains.length > 1
      ? mains.flatMap((s) => [`#### ${SERVER_LABEL[s.server]}`, "", ...verdict(s, m.cpuCount), ""])
      : verdict(main, m.cpuCount)),
    "",
    "### Machine",
    "",
    `- CPU: ${m.cpuModel} × ${m.cpuCount} (os.cpus / /proc/cpuinfo); RAM ${m.ramGiB} GiB`,
    `- Node ${m.node}; Next.js ${m.next} (\`next start\`, build ${b.buildId} in \`${b.distDir}\`, built ${b.builtAt}${b.builtNow ? `, ${b.buildSeconds} s` : ", reused"}); autocannon ${m.autocannon}`,
    `- ${m.postgres}; Redis ${m.redis}`,
    `- git ${m.commit}${m.dirtyFiles ? ` plus ${m.dirtyFiles} uncommitted paths in the working tree (included in the build)` : ""}; measured ${m.date}`,
    `- Load average at start: ${m.loadAtStart.join(" / ")} (1 / 5 / 15 min). The machine may be shared: the “load” column is the 1-minute load average just before each series.`,
    "",
    "### Method",
    "",
    `1. A fresh database \`agentry_bench_<pid>_<hex>\` on the local Postgres, migrated with \`db/migrate.ts\`; seeded through the real verbs (sign-up, \`account.createTenant\`, \`apiKeys.create\` with scope \`tenant:read\`), then \`update tenants set plan_id = 'enterprise'\` as the owner (plan now \`${app.planId}\`). ${app.keys} API keys: a fresh one for each measured level, so one level's traffic cannot eat the next one's per-key allowance (60,000/min on enterprise). The database is dropped at the end, on failure too.`,
    `2. The production build served by \`next start\` (NODE_ENV=production, NEXT_DIST_DIR=${o.distDir}) on 127.0.0.1:${o.ports.app}${o.servers.includes("api-tier") ? `, and the lean API tier (\`scripts/api-server.ts\`: the same handlers on a bare Node \`http\` server, run by tsx) on 127.0.0.1:${o.ports.api}` : ""}; each with DATABASE_URL and PLATFORM_DATABASE_URL = that database's two login roles (the production shape), pool ${app.poolMax} connections, LOG_LEVEL=${app.logLevel} (the production default: one JSON line per request, written to a file), RATE_LIMIT_TIMEOUT_MS=${app.rateLimitTimeoutMs}.`,
    `3. Main series: rate limits through @upstash/ratelimit → the Upstash REST bridge (\`scripts/upstash-bridge.ts\`, its own process, 127.0.0.1:${o.ports.bridge}) → local Redis, i.e. the production shape.${report.series.some((s) => s.limiter === "memory") ? " Then the app is restarted without Upstash variables and the same levels run with the in-process limiter." : ""}`,
    `4. Load: autocannon ${m.autocannon} used programmatically from the bench process, \`GET /api/v1/tenant\` with \`Authorization: Bearer agt_…\`, at ${o.levels.join(", ")} connections (no pipelining); before each level ${o.warmupSeconds} s of discarded load, then ${o.durationSeconds} s measured. Latencies are every response's time as autocannon's client measured it (all statuses), percentiles by nearest rank; req/s is responses ÷ elapsed time. Before the series: one request checked by hand (200, the seeded tenant, plan enterprise) and a ${o.initialWarmupSeconds} s warm-up at 10 connections (plus 2 s on \`/api/health\`).`,
    `5. Bare reference: a Node \`http\` server answering a ~170-byte JSON body, in its own process on 127.0.0.1:${o.ports.bare}, same levels, same warm-up and duration.${report.health.map((h) => ` Framework ceiling: \`GET /api/health\` on ${SERVER_LABEL[h.server]} at ${h.result.connections} connections.`).join("")}`,
    `6. Memory: VmRSS from /proc/<pid>/status of the process named \`next-server\` under the started \`next start\`, or the API tier's own process (the whole process tree is summed too). “At rest” is read 3 s after the warm-up; the peak is sampled every 200 ms through the measured levels.`,
    `7. Ratios: app ÷ bare at the same connection count (req/s as a percentage of bare, p99 as a multiple). The load generator shares the ${m.cpuCount} cores with the server under test, for the app and for the bare server alike.`,
    `8. CPU, from /proc (utime + stime) during each measured level. “CPU ms/req” = CPU seconds used ÷ responses, for the server under test (its process tree), the Upstash bridge process, and the Postgres backends connected to the benchmark database (Redis is shared and not counted): what one request costs, which contention on a shared machine changes far less than req/s. “Cores busy” = average cores used by the server, by the bench process (autocannon) and by the whole machine (out of ${m.cpuCount}; the rest is Postgres, Redis, the bridge and anything else running).`,
    ...(report.series.some((s) => s.runs)
      ? [
          `9. Runs: the same database also holds a knowledge collection with one Markdown document (“${app.runsDocument}”, added with \`knowledge.addDocument\`), an agent from the customer-service template (\`agents.create\`, \`local\` provider, \`knowledge_search\`, the default guard policy: injection, secrets, harmful and canary block, PII redact) and ${app.runKeys} keys with only \`run:create\`. On each server, after its \`GET /api/v1/tenant\` levels and with the Upstash limiter: one run checked by hand (200, \`completed\`, the answer contains the document's fact and cites “${app.runsDocument}” as a numbered source, both guard sides \`allow\`, its steps in \`run_steps\`), a ${o.initialWarmupSeconds} s warm-up at 10 connections, then each level as above with a fresh key: \`POST /api/v1/agents/{id}/runs\` with \`{"input": "${app.runsQuestion}"}\` (synchronous JSON; no conversation, no idempotency key). Afterwards the stored runs are counted by status. The Postgres backends counted are re-read after the warm-up (a run holds more pool connections at once than a read).`,
        ]
      : []),
    "",
    ...mains.map(
      (s) =>
        `App log during the ${SERVER_LABEL[s.server]} Upstash series: ${s.log.restRequests} “rest request” lines, ${s.log.warn} warnings, ${s.log.error} errors.`,
    ),
    "",
  ].join("\n");
}
