import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export { schema };
export type Schema = typeof schema;

/** A drizzle database on either driver (postgres.js or PGlite): the code never needs to know. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction handle, already scoped (tenant, user or platform) by the function that opened it. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  /** Runs raw SQL as the connection's own (owner) role: migrations and tests only. */
  close: () => Promise<void>;
};

export type DatabaseOptions =
  { driver: "postgres"; url: string; max?: number; applicationName?: string } | { driver: "pglite"; dataDir?: string };

/**
 * Opens a database. Drivers are imported lazily so the PGlite WASM is never loaded on a
 * Postgres deployment (and vice versa).
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.driver === "postgres") {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      ...(options.applicationName ? { connection: { application_name: options.applicationName } } : {}),
    });
    const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Database;
    return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Database;
  return { db, driver: "pglite", close: () => client.close() };
}

/** `db.execute()` answers an array on postgres.js and `{ rows }` on PGlite: one shape here. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

type Listener = { listen: (channel: string, fn: () => void) => Promise<unknown> };

/** LISTEN on a handle of either driver; resolves to the function that stops listening. */
export async function listenOn(handle: DatabaseHandle, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  const client = (handle.db as unknown as { $client: Listener }).$client;
  const subscription = await client.listen(channel, () => onNotify());
  if (typeof subscription === "function") return async () => void (await (subscription as () => Promise<void>)());
  const unlisten = (subscription as { unlisten?: () => Promise<void> }).unlisten;
  return async () => void (await unlisten?.());
}
