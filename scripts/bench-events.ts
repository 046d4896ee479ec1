/**
 * `npm run bench:events`: how many events per second the outbox takes (issue 7, "What it must
 * show": ≥ 10,000/s in batches). Not part of `npm test`.
 *
 * On a fresh, migrated scratch Postgres database (the tests' fixture: production role shape,
 * RLS forced), for each batch size and each number of concurrent writers it appends catalogued
 * events through the real `appendEvents` — one tenant transaction per batch (`withTenant`: scope,
 * catalogue check, ULIDs, insert, NOTIFY, commit) — for `--seconds`, and reports events/s and the
 * p50/p99 latency of a batch's transaction. At the end it checks the table holds exactly the
 * events it counted. Writes docs/events-bench.md (unless --no-write) with the machine noted.
 *
 * For comparison it also measures the writer as it was before its batch path (a multi-row VALUES
 * insert, scripts/bench/events-baseline.ts) — `--paths=current` to skip that.
 *
 * Then the dispatch lag: events appended at a steady rate while the real event engine delivers them
 * (scripts/bench/events-lag.ts), p50/p99 of delivered_at − occurred_at.
 *
 *   --seconds=10 --batches=100,500,1000 --writers=1,2 --paths=current,values --lag-rates=100,500,1000 --no-write
 */
import { randomBytes, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { parseEventPayload } from "@/server/events/catalogue";
import { newEventId } from "@/server/events/event-id";
import { measureDispatchLag, type LagSeries } from "./bench/events-lag";
import { describeEventsMachine, renderEventsReport, type Series } from "./bench/events-report";

type Path = "current" | "values";
type Options = {
  seconds: number;
  batches: number[];
  writers: number[];
  paths: Path[];
  /** Steady append rates (events/s) at which dispatch lag is measured; `--lag-rates=` (empty) skips it. */
  lagRates: number[];
  write: boolean;
  adminUrl: string;
};

function parseOptions(argv: string[]): Options {
  const get = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
  const list = (v: string | undefined, d: number[]) => (v ? v.split(",").map((x) => Number(x)) : d);
  const options = {
    seconds: Number(get("seconds") ?? 10),
    batches: list(get("batches"), [100, 500, 1000]),
    writers: list(get("writers"), [1, 2]),
    paths: (get("paths") ?? "current,values").split(",") as Path[],
    lagRates: get("lag-rates") === "" ? [] : list(get("lag-rates"), [100, 500, 1_000]),
    write: !argv.includes("--no-write"),
    adminUrl: process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  };
  const bad = [options.seconds, ...options.batches, ...options.writers].some((n) => !Number.isFinite(n) || n <= 0);
  if (bad) throw new Error("--seconds, --batches and --writers take positive numbers");
  if (options.paths.some((p) => p !== "current" && p !== "values")) throw new Error("--paths takes current and/or values");
  return options;
}

/** A realistic mix: the two domain events every run writes (metering and completion). */
function drafts(tenantId: string, n: number) {
  const actor = { type: "system" as const, id: "bench" };
  const meta = { requestId: `bench-${randomBytes(4).toString("hex")}` };
  return Array.from({ length: n }, (_, i) => {
    const runId = randomUUID();
    const agentId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
    return i % 2 === 0
      ? {
          tenantId,
          type: "usage.recorded",
          actor,
          meta,
          payload: {
            runId,
            agentId,
            apiKeyId: null,
            provider: "openai",
            model: "gpt-4o-mini",
            inputTokens: 812,
            outputTokens: 164,
            modelCalls: 2,
            toolCalls: 1,
            costMicros: 220,
          },
        }
      : {
          tenantId,
          type: "run.completed",
          actor,
          meta,
          payload: {
            runId,
            agentId,
            apiKeyId: null,
            status: "completed",
            riskLevel: "none",
            provider: "openai",
            model: "gpt-4o-mini",
            latencyMs: 930,
          },
        };
  });
}

/** The in-process share of a batch: the catalogue's zod parse and the ULID of 1,000 events (median of 20). */
function measureValidation(tenantId: string): number {
  const batch = drafts(tenantId, 1000);
  const times: number[] = [];
  for (let r = 0; r < 20; r++) {
    const t0 = performance.now();
    for (const d of batch) {
      parseEventPayload(d.type, d.payload);
      newEventId();
    }
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[10]!;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function main() {
  const options = parseOptions(process.argv.slice(2));
  process.env.LOG_LEVEL ??= "silent";
  const { createPostgresTestDatabase } = await import("@/tests/support/databases");
  const { appendEvents } = await import("@/server/events/append-event");
  const { appendEventsWithValues } = await import("./bench/events-baseline");
  const writerOf = { current: appendEvents, values: appendEventsWithValues };
  const name = `agentry_bench_events_${process.pid}_${randomBytes(3).toString("hex")}`;
  const db = await createPostgresTestDatabase({ adminUrl: options.adminUrl, name, max: Math.max(...options.writers) + 1 });
  try {
    const [{ version }] = (await db.ownerSql("select version() as version")) as [{ version: string }];
    const [tenant] = await db.ownerSql("insert into tenants (slug, name) values ($1, 'Bench events') returning id", [
      `bench-${name.slice(-6)}`,
    ]);
    const tenantId = String(tenant!.id);
    const machine = describeEventsMachine(String(version));
    console.log(
      `machine: ${machine.cpuModel} × ${machine.cpuCount}, load ${machine.loadAtStart.join(" ")}, Node ${machine.node}, ${machine.postgres}`,
    );
    const validation = measureValidation(tenantId);
    console.log(`catalogue check + ULID per 1,000 events (in process, no database): ${validation.toFixed(1)} ms`);
    // Warm up: connections, prepared statements, the JIT.
    for (let i = 0; i < 20; i++) await db.scopes.withTenant(tenantId, (tx) => appendEvents(tx, drafts(tenantId, 100)));
    let written = 2_000;
    const series: Series[] = [];
    // Interleaved (each batch size and writer count, both writers back to back) so drifting load hits both alike.
    for (const batch of options.batches) {
      for (const writers of options.writers) {
        for (const path of options.paths) {
          const append = writerOf[path];
          const pool = Array.from({ length: 8 }, () => drafts(tenantId, batch));
          const latencies: number[] = [];
          const started = performance.now();
          const deadline = started + options.seconds * 1000;
          let events = 0;
          await Promise.all(
            Array.from({ length: writers }, async (_, w) => {
              for (let i = w; performance.now() < deadline; i++) {
                const t0 = performance.now();
                await db.scopes.withTenant(tenantId, (tx) => append(tx, pool[i % pool.length]!));
                latencies.push(performance.now() - t0);
                events += batch;
              }
            }),
          );
          const elapsed = (performance.now() - started) / 1000;
          latencies.sort((a, b) => a - b);
          const s: Series = {
            path,
            batch,
            writers,
            events,
            seconds: elapsed,
            perSecond: events / elapsed,
            p50Ms: percentile(latencies, 50),
            p99Ms: percentile(latencies, 99),
            load: loadavg().map((l) => Math.round(l * 100) / 100),
          };
          series.push(s);
          written += events;
          console.log(
            `${path}: batch ${batch} × ${writers} writer(s): ${Math.round(s.perSecond).toLocaleString("en")} events/s ` +
              `(${events} in ${elapsed.toFixed(1)} s), batch p50 ${s.p50Ms.toFixed(1)} ms, p99 ${s.p99Ms.toFixed(1)} ms, load ${s.load.join(" ")}`,
          );
        }
      }
    }
    const [count] = await db.ownerSql("select count(*)::int as n from events where tenant_id = $1", [tenantId]);
    if (Number(count!.n) !== written) throw new Error(`the events table holds ${count!.n} events, the bench counted ${written}`);
    console.log(`check: ${written} events stored, as counted`);
    const lag: LagSeries[] = [];
    for (const rate of options.lagRates) {
      const batch = Math.max(1, Math.round(rate / 100));
      const l = await measureDispatchLag(db, tenantId, (n) => drafts(tenantId, n), {
        seconds: options.seconds,
        batch,
        ratePerSecond: rate,
      });
      lag.push(l);
      console.log(
        `dispatch lag at ${rate.toLocaleString("en")} events/s (achieved ${Math.round(l.achievedPerSecond)}/s, batches of ${batch}): p50 ${l.p50Ms.toFixed(1)} ms, ` +
          `p99 ${l.p99Ms.toFixed(1)} ms, max ${l.maxMs.toFixed(1)} ms over ${l.events} events`,
      );
    }
    const best = Math.max(...series.filter((s) => s.path === "current").map((s) => s.perSecond));
    console.log(`best: ${Math.round(best).toLocaleString("en")} events/s (target 10,000/s: ${best >= 10_000 ? "met" : "NOT met"})`);
    if (options.write) {
      writeFileSync(
        "docs/events-bench.md",
        renderEventsReport({ machine, series, lag, seconds: options.seconds, validationMsPer1000: validation }),
      );
      console.log("wrote docs/events-bench.md");
    }
  } finally {
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
