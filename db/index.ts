import { env } from "@/server/env";
import { openDatabase, type DatabaseHandle, type DatabaseOptions } from "./client";
import { createScopes, type Scopes } from "./scope";

export type { Database, Tx } from "./client";
export { rowsOf } from "./client";

/** Which database this process uses, from the validated environment alone. */
export function databaseOptionsFromEnv(): DatabaseOptions {
  return env.DATABASE_URL
    ? { driver: "postgres", url: env.DATABASE_URL, max: env.DATABASE_POOL_MAX }
    : { driver: "pglite", dataDir: env.PGLITE_DIR };
}

type Shared = { handle: Promise<DatabaseHandle>; scopes: Promise<Scopes> };

/*
 * One database per process, kept on globalThis: Next.js may load this module more than once
 * (route handlers and server components are separate bundles), and two PGlite instances on one
 * data directory would corrupt it.
 */
const globalForDb = globalThis as typeof globalThis & { __agentryDb?: Shared };

function shared(): Shared {
  if (!globalForDb.__agentryDb) {
    const handle = openDatabase(databaseOptionsFromEnv());
    globalForDb.__agentryDb = { handle, scopes: handle.then((h) => createScopes(h.db)) };
    // A failed open must not be cached forever.
    handle.catch(() => {
      globalForDb.__agentryDb = undefined;
    });
  }
  return globalForDb.__agentryDb;
}

export const getDatabase = () => shared().handle;

export const withTenant: Scopes["withTenant"] = async (tenantId, fn) =>
  (await shared().scopes).withTenant(tenantId, fn);

export const withUser: Scopes["withUser"] = async (userId, fn) =>
  (await shared().scopes).withUser(userId, fn);

export const withPlatform: Scopes["withPlatform"] = async (reason, actor, fn) =>
  (await shared().scopes).withPlatform(reason, actor, fn);

/** The process-wide scopes, bound lazily to the database above. */
export const scopes: Scopes = { withTenant, withUser, withPlatform };
