import { listenOn, type DatabaseHandle } from "./client";
import { openRuntime, type Runtime, type RuntimeConfig } from "./runtime";
import type { Scopes } from "./scope";

export type { Database, Tx } from "./client";
export { rowsOf } from "./client";
export type { RuntimeConfig } from "./runtime";

/*
 * The process's database. This layer reads no environment (db imports nothing from server): the
 * server configures it once at start-up from the validated environment (server/database.ts,
 * called from instrumentation.ts), and scripts do the same before their first query.
 *
 * Kept on globalThis: Next.js may load this module more than once (route handlers and server
 * components are separate bundles), and two PGlite instances on one data directory would
 * corrupt it.
 */
type Shared = { config?: RuntimeConfig; runtime?: Promise<Runtime> };
const globalForDb = globalThis as typeof globalThis & { __agentryDb?: Shared };
const state = (globalForDb.__agentryDb ??= {});

/** Sets how this process connects. Before the first query; the same config again is a no-op. */
export function configureDatabase(config: RuntimeConfig): void {
  if (state.runtime && JSON.stringify(state.config) !== JSON.stringify(config)) {
    throw new Error("The database is already open with another configuration.");
  }
  state.config = config;
}

function runtime(): Promise<Runtime> {
  if (!state.runtime) {
    if (!state.config) {
      throw new Error(
        "The database is not configured: call configureDatabase() first (the server does it at start-up in server/database.ts).",
      );
    }
    const opening = openRuntime(state.config);
    state.runtime = opening;
    // A failed open must not be cached forever.
    opening.catch(() => {
      if (state.runtime === opening) state.runtime = undefined;
    });
  }
  return state.runtime;
}

/** Closes the pools (scripts, tests): the next query opens them again with the same config. */
export async function closeDatabase(): Promise<void> {
  const opening = state.runtime;
  state.runtime = undefined;
  const runtime = await opening?.catch(() => null);
  await runtime?.close();
}

/** The tenant/identity pool's handle (readiness probes it). */
export const getDatabase = async (): Promise<DatabaseHandle> => (await runtime()).handle;

export const withTenant: Scopes["withTenant"] = async (tenantId, fn) => (await runtime()).scopes.withTenant(tenantId, fn);

export const withUser: Scopes["withUser"] = async (userId, fn) => (await runtime()).scopes.withUser(userId, fn);

export const withPlatform: Scopes["withPlatform"] = async (reason, actor, fn) => (await runtime()).scopes.withPlatform(reason, actor, fn);

export const withPlatformSweep: Scopes["withPlatformSweep"] = async (reason, actor, fn) =>
  (await runtime()).scopes.withPlatformSweep(reason, actor, fn);

export const withEngine: Scopes["withEngine"] = async (fn) => (await runtime()).scopes.withEngine(fn);

/** The process-wide scopes, bound lazily to the database above. */
export const scopes: Scopes = { withTenant, withUser, withPlatform, withPlatformSweep, withEngine };

/**
 * LISTEN on `channel` (the dispatcher's wake-up, server/events/dispatcher.ts). postgres.js keeps
 * one dedicated connection for it and re-listens after a reconnect; PGlite has `listen` too.
 * Resolves to the function that stops listening.
 */
export async function listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  return listenOn((await runtime()).handle, channel, onNotify);
}
