import { createHash, randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, rowsOf, type Database, type DatabaseHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createScopes, type Scopes } from "@/db/scope";

/**
 * The one way tests, the end-to-end server and the benchmark get a real database: a fresh,
 * migrated Postgres database (on the cluster at TEST_DATABASE_URL, default the local one) or a
 * fresh in-memory PGlite. Nothing is mocked.
 *
 * Postgres databases run in the production role shape: migrated by the owner, then two LOGIN
 * roles made for this database — `<db>_app`, only a member of `app_user`, for the tenant pool,
 * and `<db>_platform`, only a member of `app_platform`, for the platform pool — exactly what an
 * operator creates (README, "Database roles"). Roles are cluster-wide, hence per-database names,
 * dropped with the database. PGlite is one superuser connection that switches roles.
 */

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export type Shape = "login-roles" | "switch-role";

export type TestDatabase = {
  driver: "postgres" | "pglite";
  shape: Shape;
  /** The owner's connection (a superuser on the test cluster): setup, inspection, DDL probes — never app code paths. */
  db: Database;
  /** The pool the tenant and identity scopes use (the owner itself when switching roles). */
  app: Database;
  scopes: Scopes;
  /** `current_user` inside each scope, and the tenant pool's login (`session_user`). */
  roles: { tenant: string; platform: string; login: string };
  /** Raw SQL as the owner: for setting up and inspecting, never for app code paths. */
  ownerSql: (query: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  /** Postgres only: the database's name and the URLs of its three logins. */
  name: string | null;
  urls: DatabaseUrls | null;
  /** The owner's URL (Postgres only). */
  url: string | null;
  drop: () => Promise<void>;
};

export type DatabaseUrls = { owner: string; app: string; platform: string };

export type PostgresTestOptions = {
  /** A superuser (or CREATEROLE + CREATEDB) URL of the cluster; default ADMIN_URL. */
  adminUrl?: string;
  /** Default `agentry_test_<pid>_<random>`; an existing database of that name is replaced. */
  name?: string;
  /** Size of the tenant pool (the platform pool gets 2). */
  max?: number;
  /** Default `login-roles`; `switch-role` is the one-URL development shape. */
  shape?: Shape;
  /**
   * The managed-Postgres shape: the owner is this login, created with CREATEROLE and CREATEDB
   * only (no superuser), and it — not the admin — creates the database, migrates it and makes the
   * runtime logins.
   */
  managedOwner?: string;
  /** How the owner migrates the new database (default: every committed migration). */
  migrate?: (owner: DatabaseHandle) => Promise<void>;
};

function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  }
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Test logins get a password derived from their name, so another process can attach (local clusters only). */
const passwordOf = (role: string) => createHash("sha256").update(`agentry-test-login:${role}`).digest("hex").slice(0, 32);

function urlFor(base: string, database: string, login?: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  if (login) {
    url.username = login;
    url.password = passwordOf(login);
  }
  return url.toString();
}

/** The login roles of test database `name`. */
export const loginNames = (name: string) => ({ app: `${name}_app`, platform: `${name}_platform` });

/** Where database `name`'s three logins connect (it need not exist yet). */
export function databaseUrls(name: string, options: { adminUrl?: string; managedOwner?: string } = {}): DatabaseUrls {
  const admin = options.adminUrl ?? ADMIN_URL;
  const logins = loginNames(name);
  return {
    owner: urlFor(admin, name, options.managedOwner),
    app: urlFor(admin, name, logins.app),
    platform: urlFor(admin, name, logins.platform),
  };
}

async function withClient<T>(url: string, fn: (client: postgres.Sql) => Promise<T>): Promise<T> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await fn(client);
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Drops database `name` and its logins (whatever is left of them). */
export async function dropPostgresTestDatabase(name: string, options: { adminUrl?: string } = {}): Promise<void> {
  await withClient(options.adminUrl ?? ADMIN_URL, async (admin) => {
    await admin.unsafe(`drop database if exists ${ident(name)} with (force)`);
    for (const login of Object.values(loginNames(name))) await admin.unsafe(`drop role if exists ${ident(login)}`);
  });
}

/** A login like a managed service's master user: CREATEROLE and CREATEDB, not a superuser. */
export async function createManagedOwner(login: string, adminUrl = ADMIN_URL): Promise<void> {
  await withClient(adminUrl, async (admin) => {
    const [exists] = await admin`select 1 from pg_roles where rolname = ${login}`;
    if (!exists) await admin.unsafe(`create role ${ident(login)} login createrole createdb password '${passwordOf(login)}'`);
  });
}

/** `login`'s URL for `database` on the cluster of `adminUrl` (test logins only). */
export const loginUrl = (login: string, database: string, adminUrl = ADMIN_URL) => urlFor(adminUrl, database, login);

/**
 * Creates database `name` (replacing one left over), migrates it as the owner and creates its
 * runtime logins. Returns the URLs; opens nothing.
 */
export async function preparePostgresTestDatabase(options: PostgresTestOptions & { name: string }): Promise<DatabaseUrls> {
  const adminUrl = options.adminUrl ?? ADMIN_URL;
  assertLocal(adminUrl);
  const { name, managedOwner } = options;
  const urls = databaseUrls(name, { adminUrl, managedOwner });
  await dropPostgresTestDatabase(name, { adminUrl });
  if (managedOwner) await createManagedOwner(managedOwner, adminUrl);
  // The owner creates the database (with CREATEDB) so that it owns it, as on a managed service.
  const creatorUrl = managedOwner ? urlFor(adminUrl, new URL(adminUrl).pathname.slice(1) || "postgres", managedOwner) : adminUrl;
  await withClient(creatorUrl, (creator) => creator.unsafe(`create database ${ident(name)}`));
  const owner = await openDatabase({ driver: "postgres", url: urls.owner, max: 1 });
  try {
    await (options.migrate ?? migrateDatabase)(owner);
  } finally {
    await owner.close();
  }
  if (options.shape !== "switch-role") {
    const logins = loginNames(name);
    await withClient(managedOwner ? urls.owner : adminUrl, async (client) => {
      await client.unsafe(`create role ${ident(logins.app)} login password '${passwordOf(logins.app)}' in role app_user`);
      await client.unsafe(`create role ${ident(logins.platform)} login password '${passwordOf(logins.platform)}' in role app_platform`);
    });
  }
  return urls;
}

/** Opens database `name`, already prepared (by this process or another), in the given shape. */
export async function openPostgresTestDatabase(
  name: string,
  options: { adminUrl?: string; max?: number; shape?: Shape; managedOwner?: string; dropOnClose?: boolean } = {},
): Promise<TestDatabase> {
  const adminUrl = options.adminUrl ?? ADMIN_URL;
  assertLocal(adminUrl);
  const urls = databaseUrls(name, { adminUrl, managedOwner: options.managedOwner });
  const shape = options.shape ?? "login-roles";
  const handles: DatabaseHandle[] = [];
  const open = async (url: string, max: number) => {
    const handle = await openDatabase({ driver: "postgres", url, max });
    handles.push(handle);
    return handle.db;
  };
  const owner = postgres(urls.owner, { max: 1, onnotice: () => {} });
  const closeAll = async () => {
    await Promise.all(handles.map((h) => h.close()));
    await owner.end({ timeout: 5 });
  };
  try {
    const ownerDb = await open(urls.owner, shape === "switch-role" ? (options.max ?? 10) : 2);
    let scopes: Scopes;
    let app = ownerDb;
    if (shape === "switch-role") {
      scopes = createScopes({ mode: "switch-role", db: ownerDb });
    } else {
      app = await open(urls.app, options.max ?? 10);
      scopes = createScopes({ mode: "login-roles", app, platform: await open(urls.platform, 2) });
    }
    const [who] = rowsOf<{ login: string }>(await app.execute(sql`select session_user::text as login`));
    const logins = loginNames(name);
    return {
      driver: "postgres",
      shape,
      db: ownerDb,
      app,
      scopes,
      roles:
        shape === "switch-role"
          ? { tenant: "app_user", platform: "app_platform", login: who!.login }
          : { tenant: logins.app, platform: logins.platform, login: logins.app },
      ownerSql: async (query, params = []) => [...(await owner.unsafe(query, params as never[]))] as Record<string, unknown>[],
      name,
      urls,
      url: urls.owner,
      drop: async () => {
        await closeAll();
        if (options.dropOnClose !== false) await dropPostgresTestDatabase(name, { adminUrl });
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

export async function createPostgresTestDatabase(options: PostgresTestOptions = {}): Promise<TestDatabase> {
  const name = options.name ?? `agentry_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await preparePostgresTestDatabase({ ...options, name });
  return openPostgresTestDatabase(name, options);
}

export async function createPgliteTestDatabase(): Promise<TestDatabase> {
  const handle = await openDatabase({ driver: "pglite" });
  await migrateDatabase(handle);
  // PGlite is one connection: owner SQL goes through the same client, outside any transaction.
  const client = (
    handle.db as unknown as { $client: { query: (q: string, p?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> } }
  ).$client;
  const [who] = (await client.query("select session_user::text as login")).rows;
  return {
    driver: "pglite",
    shape: "switch-role",
    db: handle.db,
    app: handle.db,
    scopes: createScopes({ mode: "switch-role", db: handle.db }),
    roles: { tenant: "app_user", platform: "app_platform", login: String(who!.login) },
    ownerSql: async (query, params = []) => (await client.query(query, params)).rows,
    name: null,
    urls: null,
    url: null,
    drop: () => handle.close(),
  };
}

/** The isolation suites run on both: Postgres in the production shape, PGlite switching roles. */
export const DRIVERS = [
  { name: "postgres", create: createPostgresTestDatabase },
  { name: "pglite", create: createPgliteTestDatabase },
] as const;
