/**
 * The processes under test: the Upstash bridge in front of the local Redis, the production app
 * (`next start` on the .next-bench build) and the bare Node server. Each in its own process, so
 * none of them shares an event loop with autocannon.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { BenchOptions } from "./options";
import { startService, waitForHttp, type Service } from "./processes";

/** Runs a TypeScript file in a fresh Node process with the same tsx loader as this one. */
function tsNode(file: string, args: string[] = []): [string, string[]] {
  return [process.execPath, [...process.execArgv, file, ...args]];
}

export type Bridge = Service & { url: string; token: string };

export async function startBridge(root: string, options: BenchOptions, logDir: string): Promise<Bridge> {
  const token = randomBytes(24).toString("base64url");
  const [command, args] = tsNode(path.join(root, "scripts/upstash-bridge.ts"));
  const env = {
    ...process.env,
    REDIS_URL: options.redisUrl,
    UPSTASH_BRIDGE_TOKEN: token,
    UPSTASH_BRIDGE_PORT: String(options.ports.bridge),
    UPSTASH_BRIDGE_HOST: "127.0.0.1",
  };
  const service = startService("upstash bridge", command, args, env, path.join(logDir, "bridge.log"));
  const url = `http://127.0.0.1:${options.ports.bridge}`;
  await waitForHttp(service, url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(["PING"]),
  });
  return { ...service, url, token };
}

export type Limiter = { kind: "upstash"; bridge: Bridge } | { kind: "memory" };

/** Which server answers the API: Next's route handlers, or the lean API tier (scripts/api-server.ts). */
export type ServerShape = "next" | "api-tier";

export type App = Service & {
  baseUrl: string;
  server: ServerShape;
  limiter: Limiter["kind"];
  logLevel: string;
  poolMax: string;
  rateLimitTimeoutMs: string;
};

/** Variables of server/env.ts that the bench decides, so the caller's shell cannot skew a run. */
const APP_VARIABLES = [
  "DATABASE_URL",
  "PLATFORM_DATABASE_URL",
  "MIGRATION_DATABASE_URL",
  "DATABASE_POOL_MAX",
  "PGLITE_DIR",
  "UPSTASH_REDIS_REST_URL",
  "UPSTASH_REDIS_REST_TOKEN",
  "RATE_LIMIT_TIMEOUT_MS",
  "LOG_LEVEL",
  "APP_URL",
];

/** The production role shape: a tenant login that is only app_user, a platform login that is only app_platform. */
export type DatabaseUrls = { app: string; platform: string };

export async function startApp(
  root: string,
  options: BenchOptions,
  databaseUrls: DatabaseUrls,
  limiter: Limiter,
  logDir: string,
  server: ServerShape = "next",
): Promise<App> {
  const port = server === "next" ? options.ports.app : options.ports.api;
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of APP_VARIABLES) delete env[name];
  // Production defaults unless BENCH_* says otherwise: info logs (one line per request), pool of 10.
  const logLevel = process.env.BENCH_LOG_LEVEL ?? "info";
  const poolMax = process.env.BENCH_DATABASE_POOL_MAX ?? "10";
  const rateLimitTimeoutMs = process.env.BENCH_RATE_LIMIT_TIMEOUT_MS ?? "1000";
  Object.assign(env, {
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: options.distDir,
    DATABASE_URL: databaseUrls.app,
    PLATFORM_DATABASE_URL: databaseUrls.platform,
    DATABASE_POOL_MAX: poolMax,
    RATE_LIMIT_TIMEOUT_MS: rateLimitTimeoutMs,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AGENTRY_KEK: randomBytes(32).toString("base64"),
    APP_URL: baseUrl,
    LOG_LEVEL: logLevel,
  });
  if (limiter.kind === "upstash")
    Object.assign(env, { UPSTASH_REDIS_REST_URL: limiter.bridge.url, UPSTASH_REDIS_REST_TOKEN: limiter.bridge.token });
  // A profiling hook for the app only, e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  let service: Service;
  if (server === "next") {
    const next = path.join(root, "node_modules/next/dist/bin/next");
    const args = [...nodeArgs, next, "start", "-p", String(port), "-H", "127.0.0.1"];
    service = startService(
      `next start (${limiter.kind} limiter)`,
      process.execPath,
      args,
      env,
      path.join(logDir, `app-${limiter.kind}.log`),
    );
  } else {
    const [command, args] = tsNode(path.join(root, "scripts/api-server.ts"));
    Object.assign(env, { API_PORT: String(port), API_HOST: "127.0.0.1" });
    service = startService(
      `API tier (${limiter.kind} limiter)`,
      command,
      [...nodeArgs, ...args],
      env,
      path.join(logDir, `api-${limiter.kind}.log`),
    );
  }
  await waitForHttp(service, `${baseUrl}/api/health`);
  return { ...service, baseUrl, server, limiter: limiter.kind, logLevel, poolMax, rateLimitTimeoutMs };
}

export async function startBare(root: string, options: BenchOptions, logDir: string): Promise<Service & { url: string }> {
  const [command, args] = tsNode(path.join(root, "scripts/bench/bare-server.ts"), [String(options.ports.bare)]);
  const service = startService("bare node http", command, args, { ...process.env, NODE_ENV: "production" }, path.join(logDir, "bare.log"));
  const url = `http://127.0.0.1:${options.ports.bare}/`;
  await waitForHttp(service, url);
  return { ...service, url };
}

export type LogCounts = { lines: number; restRequests: number; warn: number; error: number; rateLimitPasses: number };

/** What the app logged: fail-open rate-limit passes would make a run look cheaper than it is. */
export function countLog(logPath: string): LogCounts {
  const counts: LogCounts = { lines: 0, restRequests: 0, warn: 0, error: 0, rateLimitPasses: 0 };
  let text = "";
  try {
    text = readFileSync(logPath, "utf8");
  } catch {
    return counts;
  }
  for (const line of text.split("\n")) {
    if (!line) continue;
    counts.lines++;
    if (line.includes('"msg":"rest request"')) counts.restRequests++;
    if (line.includes('"level":"warn"')) counts.warn++;
    if (line.includes('"level":"error"') || line.includes('"level":"fatal"')) counts.error++;
    if (line.includes("rate limit check")) counts.rateLimitPasses++;
  }
  return counts;
}
