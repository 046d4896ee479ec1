import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createScopes, type Scopes } from "@/db/scope";

/**
 * Real databases for tests: a fresh, migrated Postgres database per suite (on the server at
 * TEST_DATABASE_URL, default the local one) or a fresh in-memory PGlite. Nothing is mocked.
 */

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type TestDatabase = DatabaseHandle & {
  scopes: Scopes;
  /** Raw SQL as the owner (superuser): for setting up and inspecting, never for app code paths. */
  ownerSql: (query: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  /** The database's own URL (Postgres only). */
  url: string | null;
  drop: () => Promise<void>;
};

function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  }
}

export async function createPostgresTestDatabase(options: { max?: number; migrate?: (handle: DatabaseHandle) => Promise<void> } = {}): Promise<TestDatabase> {
  assertLocal(ADMIN_URL);
  const name = `agentry_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ driver: "postgres", url: url.toString(), max: options.max ?? 10 });
  await (options.migrate ?? migrateDatabase)(handle);
  const owner = postgres(url.toString(), { max: 1, onnotice: () => {} });
  return {
    ...handle,
    scopes: createScopes(handle.db),
    url: url.toString(),
    ownerSql: async (query, params = []) => [...(await owner.unsafe(query, params as never[]))] as Record<string, unknown>[],
    drop: async () => {
      await handle.close();
      await owner.end();
      const cleanup = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

export async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const handle = await openDatabase({ driver: "pglite" });
  await migrateDatabase(handle);
  // PGlite is one connection: owner SQL goes through the same client, outside any transaction.
  const client = (handle.db as unknown as { $client: { query: (q: string, p?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> } }).$client;
  return {
    ...handle,
    scopes: createScopes(handle.db),
    url: null,
    ownerSql: async (query, params = []) => (await client.query(query, params)).rows,
    drop: () => handle.close(),
  };
}

export const DRIVERS = [
  { name: "postgres", create: createPostgresTestDatabase },
  { name: "pglite", create: createPgliteTestDatabase },
] as const;
