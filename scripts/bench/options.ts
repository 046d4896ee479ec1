/**
 * What `npm run bench` can be told (`npm run bench -- --help` prints USAGE below), with the
 * defaults the published figures use.
 */
export const USAGE = `Usage: npm run bench -- [options]   (defaults are what the published figures use)

  --rebuild                 build .next-bench afresh even when a build exists
  --reuse-build             never build: fail when .next-bench has no build (default: build if missing)
  --levels 1,10,50,100      connection counts for the REST series and the bare server
  --duration 10             seconds measured per level
  --warmup 2                seconds of discarded load before each level
  --no-memory-limiter       skip the extra series with the in-process rate limiter
  --servers next,api-tier   which servers answer the REST series (default both; api-tier is
                            the lean Node process of scripts/api-server.ts)
  --no-health               skip the \`/api/health\` series (e.g. when profiling the REST path alone)
  --no-runs                 skip the \`POST /api/v1/agents/{id}/runs\` series (local provider, guard,
                            knowledge search, run and steps stored; on each server, Upstash limiter)
  --no-write                print the table, leave docs/benchmarks.md alone

Environment: BENCH_ADMIN_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
REDIS_URL (default redis://127.0.0.1:6379), BENCH_APP_PORT / BENCH_BRIDGE_PORT /
BENCH_BARE_PORT / BENCH_API_PORT (3300 / 3301 / 3302 / 3303); for experiments on the app only: BENCH_LOG_LEVEL (default
info, the production default), BENCH_DATABASE_POOL_MAX (10), BENCH_RATE_LIMIT_TIMEOUT_MS (1000),
BENCH_APP_NODE_ARGS (Node flags for \`next start\`, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
`;

export type BenchOptions = {
  build: "if-missing" | "always" | "never";
  levels: number[];
  durationSeconds: number;
  warmupSeconds: number;
  memoryLimiterSeries: boolean;
  healthSeries: boolean;
  /** `POST /api/v1/agents/{id}/runs` with the `local` provider, on each server (Upstash limiter). */
  runsSeries: boolean;
  servers: ("next" | "api-tier")[];
  writeDocs: boolean;
  adminDatabaseUrl: string;
  redisUrl: string;
  ports: { app: number; bridge: number; bare: number; api: number };
  distDir: string;
  /** Connections for the `/api/health` framework-ceiling series. */
  healthConnections: number;
  /** Load at 10 connections after the app starts, before anything is read or measured. */
  initialWarmupSeconds: number;
};

function positiveInt(value: string | undefined, what: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive integer (got ${value ?? "nothing"}).`);
  return n;
}

function port(name: string, fallback: number): number {
  const value = process.env[name];
  return value ? positiveInt(value, name) : fallback;
}

export function parseOptions(argv: string[]): BenchOptions {
  const options: BenchOptions = {
    build: "if-missing",
    levels: [1, 10, 50, 100],
    durationSeconds: 10,
    warmupSeconds: 2,
    memoryLimiterSeries: true,
    healthSeries: true,
    runsSeries: true,
    servers: ["next", "api-tier"],
    writeDocs: true,
    adminDatabaseUrl: process.env.BENCH_ADMIN_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
    redisUrl: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    ports: {
      app: port("BENCH_APP_PORT", 3300),
      bridge: port("BENCH_BRIDGE_PORT", 3301),
      bare: port("BENCH_BARE_PORT", 3302),
      api: port("BENCH_API_PORT", 3303),
    },
    distDir: ".next-bench",
    healthConnections: 50,
    initialWarmupSeconds: 5,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value.`);
      return next;
    };
    switch (arg) {
      case "--rebuild":
        options.build = "always";
        break;
      case "--reuse-build":
        options.build = "never";
        break;
      case "--levels":
        options.levels = value()
          .split(",")
          .map((part) => positiveInt(part.trim(), "--levels"));
        break;
      case "--duration":
        options.durationSeconds = positiveInt(value(), "--duration");
        break;
      case "--warmup":
        options.warmupSeconds = Number(value());
        if (!(options.warmupSeconds >= 0)) throw new Error("--warmup must be a number of seconds (0 or more).");
        break;
      case "--no-memory-limiter":
        options.memoryLimiterSeries = false;
        break;
      case "--servers":
        options.servers = value()
          .split(",")
          .map((part) => {
            const server = part.trim();
            if (server !== "next" && server !== "api-tier") throw new Error(`--servers takes next and/or api-tier (got ${server}).`);
            return server;
          });
        break;
      case "--no-health":
        options.healthSeries = false;
        break;
      case "--no-runs":
        options.runsSeries = false;
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        return process.exit(0);
      case "--no-write":
        options.writeDocs = false;
        break;
      default:
        throw new Error(`Unknown option ${arg}. Run \`npm run bench -- --help\` for the options.`);
    }
  }
  const host = new URL(options.adminDatabaseUrl).hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) {
    throw new Error(`Refusing to benchmark against a non-local database (${host}): the bench creates and drops databases.`);
  }
  return options;
}
