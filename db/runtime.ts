import { openDatabase, type DatabaseHandle } from "./client";
import { assertLoginRoles } from "./login-roles";
import { createScopes, type Scopes } from "./scope";

/**
 * How a running process reaches its database. The caller (the server, a script, a test) decides;
 * this layer reads no environment.
 * - `pglite`: the embedded database, one superuser connection that switches roles per transaction.
 * - `postgres` with `url` only: one login (the owner) that switches roles — development.
 * - `postgres` with `platformUrl` too: the production shape, two LOGIN roles and nothing to
 *   switch; both logins are checked before the first query (`assertLoginRoles`).
 */
export type RuntimeConfig =
  | { driver: "pglite"; dataDir?: string }
  | { driver: "postgres"; url: string; max?: number; platformUrl?: undefined }
  | { driver: "postgres"; url: string; max?: number; platformUrl: string; platformMax?: number };

export type Runtime = {
  scopes: Scopes;
  /** The tenant/identity pool: what readiness probes. */
  handle: DatabaseHandle;
  shape: "login-roles" | "switch-role";
  close: () => Promise<void>;
};

/** What the app's own connections call themselves in `pg_stat_activity`. */
export const APPLICATION_NAME = "agentry";

export async function openRuntime(config: RuntimeConfig): Promise<Runtime> {
  if (config.driver === "pglite") {
    const handle = await openDatabase(config);
    return { scopes: createScopes({ mode: "switch-role", db: handle.db }), handle, shape: "switch-role", close: handle.close };
  }
  if (!config.platformUrl) {
    const handle = await openDatabase({ driver: "postgres", url: config.url, max: config.max, applicationName: APPLICATION_NAME });
    return { scopes: createScopes({ mode: "switch-role", db: handle.db }), handle, shape: "switch-role", close: handle.close };
  }
  const app = await openDatabase({ driver: "postgres", url: config.url, max: config.max, applicationName: APPLICATION_NAME });
  const platform = await openDatabase({
    driver: "postgres",
    url: config.platformUrl,
    max: config.platformMax ?? 2,
    applicationName: APPLICATION_NAME,
  }).catch(async (error: unknown) => {
    await app.close();
    throw error;
  });
  const close = async () => {
    await Promise.all([app.close(), platform.close()]);
  };
  try {
    await assertLoginRoles({ app: app.db, platform: platform.db });
  } catch (error) {
    await close();
    throw error;
  }
  return { scopes: createScopes({ mode: "login-roles", app: app.db, platform: platform.db }), handle: app, shape: "login-roles", close };
}
