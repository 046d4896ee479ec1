import { getDatabase, scopes } from "@/db";
import { LoginRoleError } from "@/db/login-roles";
import { configureDatabaseFromEnv, runtimeConfigFromEnv } from "./database";
import { logger } from "./obs/logger";
import { assertRuntimeConfig } from "./runtime-config";

/** Node server start: a configuration that cannot work stops the process with the reason. */
export async function onServerStart() {
  try {
    assertRuntimeConfig();
    configureDatabaseFromEnv();
  } catch (error) {
    const message = (error as Error).message;
    logger.fatal({ reason: message }, "configuration invalid");
    process.exit(1);
  }
  await checkDatabaseLogins();
  // Runs a previous process left `running` (it died mid-run) are failed now, not left spinning.
  // Not awaited: an unreachable database must not hold up the start (the sweep logs and the runs list sweeps lazily).
  void import("./runs/fail-stale-runs").then(({ failStaleRuns }) => failStaleRuns(scopes));
  await startEventEngineSafely();
}

/**
 * The outbox dispatcher and, without an Inngest server, the in-process driver (README, "Where
 * Inngest runs"). A failure to start is logged, not fatal: events wait in the outbox and are
 * delivered by the next process that starts one. Stopped on SIGTERM/SIGINT so in-flight calls
 * save and release their leases.
 */
async function startEventEngineSafely() {
  const { startEngineFromEnv, stopEngine } = await import("./events/engine-startup");
  try {
    await startEngineFromEnv();
  } catch (error) {
    logger.error({ reason: (error as Error).message }, "event engine not started");
    return;
  }
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      const deadline = new Promise((resolve) => setTimeout(resolve, 5_000).unref());
      // Our listener must not swallow the signal: when nobody else (Next, the API tier) exits on
      // it, raise it again now that ours is gone, and the default action ends the process.
      void Promise.race([stopEngine(), deadline]).finally(() => {
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
    });
  }
}

/**
 * With separate login roles, a login that is more than its runtime role (a superuser, the owner)
 * would quietly void the walls: open the pools now and refuse to serve. A database that is merely
 * unreachable is readiness's business, not a reason to exit.
 */
async function checkDatabaseLogins() {
  const config = runtimeConfigFromEnv();
  if (config.driver !== "postgres") return;
  if (!config.platformUrl) {
    if (process.env.NODE_ENV === "production") {
      logger.warn(
        "DATABASE_URL is one login that switches roles per transaction; for production set PLATFORM_DATABASE_URL and MIGRATION_DATABASE_URL (separate login roles, README: Configuration)",
      );
    }
    return;
  }
  try {
    await getDatabase();
  } catch (error) {
    if (error instanceof LoginRoleError) {
      logger.fatal({ reason: error.message }, "database logins refused");
      process.exit(1);
    }
    logger.warn({ reason: (error as Error).message.replace(/\w+:\/\/\S+/g, "[url]") }, "database not reachable at start-up");
  }
}
