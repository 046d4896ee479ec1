import { configureDatabase, type RuntimeConfig } from "@/db";
import type { DatabaseOptions } from "@/db/client";
import { env, type Env } from "./env";

/**
 * The process's database, from the validated environment (the db layer reads none itself).
 *
 * - `DATABASE_URL` alone: one login that migrates and, per transaction, switches to the runtime
 *   roles (development, a single VM).
 * - `DATABASE_URL` + `PLATFORM_DATABASE_URL`: the production shape, two LOGIN roles — one that is
 *   only `app_user`, one that is only `app_platform` — with the owner's `MIGRATION_DATABASE_URL`
 *   kept out of the app server (only `npm run db:migrate` / `npm start` need it).
 * - neither: the embedded PGlite under `PGLITE_DIR`.
 */
export function runtimeConfigFromEnv(
  e: Pick<Env, "DATABASE_URL" | "PLATFORM_DATABASE_URL" | "DATABASE_POOL_MAX" | "PLATFORM_DATABASE_POOL_MAX" | "PGLITE_DIR"> = env,
): RuntimeConfig {
  if (!e.DATABASE_URL) return { driver: "pglite", dataDir: e.PGLITE_DIR };
  if (!e.PLATFORM_DATABASE_URL) return { driver: "postgres", url: e.DATABASE_URL, max: e.DATABASE_POOL_MAX };
  return {
    driver: "postgres",
    url: e.DATABASE_URL,
    max: e.DATABASE_POOL_MAX,
    platformUrl: e.PLATFORM_DATABASE_URL,
    platformMax: e.PLATFORM_DATABASE_POOL_MAX,
  };
}

/** Where migrations run, as the owner; the reason it cannot be worked out when it cannot. */
export function migrationTargetFromEnv(
  e: Pick<Env, "DATABASE_URL" | "PLATFORM_DATABASE_URL" | "MIGRATION_DATABASE_URL" | "PGLITE_DIR"> = env,
): DatabaseOptions & { label: string } {
  if (e.MIGRATION_DATABASE_URL)
    return { driver: "postgres", url: e.MIGRATION_DATABASE_URL, max: 1, label: "PostgreSQL (MIGRATION_DATABASE_URL)" };
  if (e.PLATFORM_DATABASE_URL) {
    throw new Error(
      "MIGRATION_DATABASE_URL must be set to migrate: with PLATFORM_DATABASE_URL set, DATABASE_URL logs in as a runtime role (only app_user), which cannot create tables",
    );
  }
  if (e.DATABASE_URL) return { driver: "postgres", url: e.DATABASE_URL, max: 1, label: "PostgreSQL (DATABASE_URL)" };
  return { driver: "pglite", dataDir: e.PGLITE_DIR, label: `PGlite at ${e.PGLITE_DIR}` };
}

/** Called once at start-up (instrumentation.ts) and by scripts before their first query. */
export function configureDatabaseFromEnv(): void {
  configureDatabase(runtimeConfigFromEnv());
}
