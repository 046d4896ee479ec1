import { randomUUID } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "@/db/client";
import { json, txExec, type Exec, type TenantTable } from "./catalog";

/**
 * Generic row operations, built from a table name and its tenant key only, so the same
 * statements run against every tenant-owned table the catalog reports.
 */

const ident = (table: string) => sql.identifier(table);

/** `select * from <table>`, deliberately with no WHERE: only the policies stand in the way. */
export const selectAll = (t: TenantTable): SQL => sql`select * from ${ident(t.table)}`;

/** All rows of one tenant as JSON objects, read as owner, in a stable order (for before/after). */
export async function rowsOfTenant(owner: Exec, t: TenantTable, tenantId: string) {
  return json<Record<string, unknown>>(
    owner,
    sql`select * from ${ident(t.table)} x where ${ident(t.key)} = ${tenantId}::uuid order by row_to_json(x)::text`,
  );
}

/**
 * One of `tenantId`'s rows, copied as JSON with a fresh `id`: a realistic payload for an insert
 * into that tenant. It may still collide with a (tenant_id, …) unique, which is fine because
 * Postgres checks RLS WITH CHECK before constraints and indexes, and the tests insist on the RLS
 * error itself (a 23505 or 23503 would fail them). Throws if the tenant has no row: the seed must
 * reach every tenant-owned table, including ones added after this was written.
 */
export async function copyOfRow(owner: Exec, t: TenantTable, tenantId: string): Promise<Record<string, unknown>> {
  const [row] = await rowsOfTenant(owner, t, tenantId);
  if (!row) throw new Error(`no ${t.table} row for tenant ${tenantId}: extend tests/db/support/seed.ts to cover it`);
  // Generated columns (a search vector) cannot be written: leave them for Postgres to compute.
  const generated = await json<{ name: string }>(
    owner,
    sql`select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ${t.table} and is_generated = 'ALWAYS'`,
  );
  const copy: Record<string, unknown> = { ...row, id: randomUUID() };
  for (const { name } of generated) delete copy[name];
  return copy;
}

/** Inserts a JSON object as a row of `table`: columns are matched by name by json_populate_record. */
export const insertJson = (t: TenantTable, row: Record<string, unknown>): SQL => {
  const columns = sql.join(
    Object.keys(row).map((c) => sql.identifier(c)),
    sql`, `,
  );
  return sql`insert into ${ident(t.table)} (${columns}) select ${columns} from json_populate_record(null::${ident(t.table)}, ${JSON.stringify(row)}::json)`;
};

/** Moves `from`'s rows to `to` (an attempt to steal or to push rows across tenants). */
export const moveRows = (t: TenantTable, from: string, to: string): SQL =>
  sql`update ${ident(t.table)} set ${ident(t.key)} = ${to}::uuid where ${ident(t.key)} = ${from}::uuid returning ${ident(t.key)}`;

export const deleteRows = (t: TenantTable, tenantId: string): SQL =>
  sql`delete from ${ident(t.table)} where ${ident(t.key)} = ${tenantId}::uuid returning ${ident(t.key)}`;

export async function hasPrivilege(owner: Exec, table: string, privilege: "INSERT" | "UPDATE" | "DELETE"): Promise<boolean> {
  const [row] = await json<{ ok: boolean }>(owner, sql`select has_table_privilege('app_user', ${`public.${table}`}, ${privilege}) as ok`);
  return row!.ok;
}

/** The database's own error (code and message) from under drizzle's wrapper, on either driver. */
export function dbError(error: unknown): { code: string | undefined; message: string } {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const e = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return { code: e.code, message: String(e.message) };
    current = e.cause;
  }
  return { code: undefined, message: error instanceof Error ? error.message : String(error) };
}

/** Awaits something that must fail and returns why; a success is itself the test failure. */
export async function failure(promise: Promise<unknown>, what: string) {
  try {
    await promise;
  } catch (error) {
    return dbError(error);
  }
  throw new Error(`expected ${what} to fail, but it succeeded`);
}

/** SQLSTATE 42501 with the RLS wording: rejected by a policy, not by a grant or a constraint. */
export const RLS_VIOLATION = { code: "42501", message: expect.stringMatching(/row-level security policy/) };
/** SQLSTATE 42501 from a missing grant. */
export const PERMISSION_DENIED = { code: "42501", message: expect.stringMatching(/permission denied/) };

/** Runs `fn` in an owner transaction that is always rolled back (DDL probes, temporary grants). */
export async function inRolledBackTransaction<T>(db: Database, fn: (exec: Exec) => Promise<T>): Promise<T> {
  const marker = new Error("rollback");
  let result: T | undefined;
  try {
    await db.transaction(async (tx) => {
      result = await fn(txExec(tx));
      throw marker;
    });
  } catch (error) {
    if (error !== marker) throw error;
  }
  return result as T;
}
