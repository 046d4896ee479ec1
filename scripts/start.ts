/**
 * `npm start`: the product on its embedded defaults, from a fresh checkout.
 *   1. a persistent AUTH_SECRET and AGENTRY_KEK (key-encryption key) under .data/ when none is configured;
 *   2. migrations (PGlite under .data/pglite, or as MIGRATION_DATABASE_URL / DATABASE_URL);
 *   3. a production build when there is none yet;
 *   4. `next start` on PORT (default 3000), with APP_URL http://localhost:PORT unless set (the
 *      server requires APP_URL in production: links must not take their host from a request);
 *   5. beside it, with PostgreSQL (PGlite is one process per data directory), the lean API tier
 *      (scripts/api-server.ts) on API_PORT (default PORT + 1; `off` to run Next alone): the same `/api/v1` and `/api/trpc` doors for programs, which a proxy
 *      routes there (README, "API tier"). Next keeps serving those paths too;
 *   6. when the `inngest-cli` binary is installed (an optional dependency) and no Inngest server is
 *      configured, the Inngest dev server on INNGEST_DEV_PORT (default 8288), syncing the app's
 *      /api/inngest, and the app pointed at it (INNGEST_DEV, INNGEST_BASE_URL). Without the binary
 *      the app runs its in-process driver (README, "Where Inngest runs"). INNGEST_DEV_SERVER=off skips it.
 * Configuration errors stop it with a message naming what to set.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
const dataDir = path.join(root, ".data");

function ensureAuthSecret() {
  if (process.env.AUTH_SECRET) return;
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
    console.log("created a session secret in .data/auth-secret (set AUTH_SECRET to use your own)");
  }
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}

/** The key-encryption key for tenant secrets; the same file `next dev` uses (server/crypto/keyring.ts). */
function ensureKek() {
  if (process.env.AGENTRY_KEK) return;
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "agentry-kek");
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
    console.log("created a key-encryption key in .data/agentry-kek (set AGENTRY_KEK to use your own; back it up with the database)");
  }
  process.env.AGENTRY_KEK = readFileSync(file, "utf8").trim();
}

/** The dev server's binary, when the optional `inngest-cli` package installed one. */
function inngestCli(): string | null {
  const bin = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "inngest-cli.cmd" : "inngest-cli");
  return existsSync(bin) ? bin : null;
}

/**
 * Starts `inngest-cli dev` beside the app and points the app at it, unless an Inngest server is
 * already configured or the binary is absent (then the in-process driver runs inside the app).
 */
function startInngestDevServer(appUrl: string): ChildProcess | null {
  const configured = process.env.INNGEST_BASE_URL || process.env.INNGEST_EVENT_KEY || process.env.INNGEST_DEV;
  const cli = inngestCli();
  if (configured || process.env.INNGEST_DEV_SERVER === "off") return null;
  if (!cli) {
    console.log("Inngest: embedded in-process driver (install the optional inngest-cli for the dev server and its UI)");
    return null;
  }
  const port = process.env.INNGEST_DEV_PORT ?? "8288";
  process.env.INNGEST_DEV = "1";
  process.env.INNGEST_BASE_URL = `http://127.0.0.1:${port}`;
  console.log(`Inngest dev server on http://127.0.0.1:${port} (functions synced from ${appUrl}/api/inngest)`);
  return spawn(cli, ["dev", "--port", port, "--no-discovery", "-u", `${appUrl}/api/inngest`], { stdio: "inherit", env: process.env });
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  ensureAuthSecret();
  ensureKek();
  // Validate the environment (throws with the list of what to fix) and migrate.
  const { migrateFromEnv } = await import("./migrate");
  await migrateFromEnv();
  if (!existsSync(path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
    console.log("no production build yet: building (about a minute on 2 cores)…");
    const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: process.env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const port = process.env.PORT ?? "3000";
  process.env.APP_URL ||= `http://localhost:${port}`;
  console.log(`Agentry on ${process.env.APP_URL}`);
  const inngestDev = startInngestDevServer(`http://127.0.0.1:${port}`);
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  const servers: ChildProcess[] = [spawn("npx", ["next", "start", "-p", port], { stdio: "inherit", env })];
  if (inngestDev) servers.push(inngestDev);
  const apiPort = process.env.API_PORT ?? String(Number(port) + 1);
  if (apiPort !== "off" && !process.env.DATABASE_URL) {
    // PGlite is one process per data directory: the embedded default serves from Next alone.
    console.log("API tier not started: it needs PostgreSQL (DATABASE_URL); the embedded database serves one process");
  } else if (apiPort !== "off") {
    console.log(`API tier on port ${apiPort} (/api/v1, /api/trpc for programs)`);
    // The same loader this script runs under (tsx), so the tier runs the TypeScript sources.
    servers.push(
      spawn(process.execPath, [...process.execArgv, path.join(root, "scripts/api-server.ts")], {
        stdio: "inherit",
        env: { ...env, API_PORT: apiPort },
      }),
    );
  }
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => servers.forEach((server) => server.kill(signal)));
  // One stopping stops the product: a half-running installation is harder to notice than a stopped one.
  for (const server of servers) {
    server.on("exit", (code) => {
      for (const other of servers) if (other !== server) other.kill("SIGTERM");
      process.exit(code ?? 0);
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
