import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db/client";
import type { TestDatabase } from "../../support/databases";

/**
 * Catalog queries behind the isolation suite. Everything here is read from pg_catalog so that a
 * table, policy, view or function added later is checked without anyone editing a list.
 *
 * Every query answers one JSON text column (`j`) that we parse ourselves: postgres.js and PGlite
 * decode arrays, `name` and `json` differently, and a single shape keeps the detectors
 * driver-blind.
 */

/** Runs a query somewhere (as owner, or inside a scoped or rolled-back transaction). */
export type Exec = (query: SQL) => Promise<Record<string, unknown>[]>;

/** As the connection's own role (the owner/superuser), outside any scope. */
export const ownerExec =
  (db: TestDatabase): Exec =>
  async (query) =>
    rowsOf(await db.db.execute(query));

/** Inside a transaction handle (scoped by withTenant/withUser, or an owner transaction). */
export const txExec =
  (tx: Pick<Tx, "execute">): Exec =>
  async (query) =>
    rowsOf(await tx.execute(query));

export async function json<T>(exec: Exec, inner: SQL): Promise<T[]> {
  const [row] = await exec(sql`select coalesce(json_agg(q), '[]')::text as j from (${inner}) q`);
  return JSON.parse(String(row!.j)) as T[];
}

/** A tenant-owned table and the column its policy compares with the current tenant. */
export type TenantTable = { table: string; key: "tenant_id" | "id" };

/** The root of isolation: one row per tenant, its policy is on `id` rather than `tenant_id`. */
export const ROOT_TABLE = "tenants";

/** Every table in `public` with a `tenant_id` column, plus the root. */
export async function discoverTenantTables(exec: Exec): Promise<TenantTable[]> {
  const rows = await json<{ table: string }>(
    exec,
    sql`select c.relname as "table" from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
  );
  return [{ table: ROOT_TABLE, key: "id" as const }, ...rows.map((r) => ({ table: r.table, key: "tenant_id" as const }))];
}

export type RlsState = { table: string; enabled: boolean; forced: boolean };

export async function rlsState(exec: Exec, tables: string[]): Promise<RlsState[]> {
  return json<RlsState>(
    exec,
    sql`select c.relname as "table", c.relrowsecurity as enabled, c.relforcerowsecurity as forced
        from pg_class c where c.relnamespace = 'public'::regnamespace
        and c.relname in (${sql.join(
          tables.map((t) => sql`${t}`),
          sql`, `,
        )}) order by 1`,
  );
}

type Policy = {
  table: string;
  name: string;
  permissive: string;
  roles: string[];
  cmd: string;
  qual: string | null;
  with_check: string | null;
};

/** Every policy in the public schema, ordered by name. */
function readPolicies(exec: Exec): Promise<Policy[]> {
  return json<Policy>(
    exec,
    sql`select tablename as "table", policyname as name, permissive, roles::text[] as roles, cmd, qual, with_check
        from pg_policies where schemaname = 'public' order by policyname`,
  );
}

const COMMANDS = ["SELECT", "INSERT", "UPDATE", "DELETE"] as const;
/** Which expressions a command needs: USING for rows it reads, WITH CHECK for rows it writes. */
const NEEDS: Record<(typeof COMMANDS)[number], { qual: boolean; check: boolean }> = {
  SELECT: { qual: true, check: false },
  INSERT: { qual: false, check: true },
  UPDATE: { qual: true, check: true },
  DELETE: { qual: true, check: false },
};

/**
 * What is missing for app_user, as readable strings ("api_keys: no INSERT policy with WITH
 * CHECK"), plus any permissive policy that does not read the request context at all — permissive
 * policies are OR-ed, so one `using (true)` would open the table whatever the others say.
 */
export async function policyGaps(exec: Exec, tables: string[]): Promise<string[]> {
  const policies = await readPolicies(exec);
  const gaps: string[] = [];
  for (const table of tables) {
    const mine = policies.filter(
      (p) => p.table === table && p.permissive === "PERMISSIVE" && (p.roles.includes("app_user") || p.roles.includes("public")),
    );
    for (const cmd of COMMANDS) {
      const need = NEEDS[cmd];
      const ok = mine.some(
        (p) => (p.cmd === cmd || p.cmd === "ALL") && (!need.qual || p.qual !== null) && (!need.check || p.with_check !== null),
      );
      if (!ok) gaps.push(`${table}: no ${cmd} policy for app_user${need.check ? " with WITH CHECK" : ""}`);
    }
    for (const p of mine) {
      for (const [clause, expr] of [
        ["USING", p.qual],
        ["WITH CHECK", p.with_check],
      ] as const) {
        if (expr !== null && !/current_setting\('app\.(tenant_id|user_id)'/.test(expr)) {
          gaps.push(`${table}: policy ${p.name} ${clause} ignores the request context`);
        }
      }
    }
  }
  return gaps;
}

/**
 * Views and materialized views in `schema` that run with their owner's rights: a view without
 * `security_invoker=true` is evaluated as its (superuser) owner, so RLS never applies through
 * it; a materialized view is a snapshot taken as its owner and is never safe for tenant data.
 */
export async function unsafeViews(exec: Exec, schema = "public"): Promise<string[]> {
  const rows = await json<{ name: string }>(
    exec,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = ${schema} and c.relkind in ('v', 'm')
        and (c.relkind = 'm' or not exists (
          select 1 from unnest(coalesce(c.reloptions, '{}')) o
          where lower(o) ~ '^security_invoker=(true|on|yes|1|t|y)$'))
        order by 1`,
  );
  return rows.map((r) => r.name);
}

type Fk = { name: string; table: string; ref: string; cols: string[]; refcols: string[] };

/**
 * Foreign keys between tenant-owned tables that do not pin the tenant: the referencing tenant
 * key must map onto the referenced tenant key in the same constraint, otherwise a row can point
 * at another tenant's row (and the RI check, run as owner, confirms it exists — a covert channel).
 */
export async function fkOffenders(exec: Exec, tables: TenantTable[]): Promise<string[]> {
  const keyOf = new Map(tables.map((t) => [t.table, t.key]));
  const fks = await json<Fk>(
    exec,
    sql`select c.conname as name, c.conrelid::regclass::text as "table", c.confrelid::regclass::text as ref,
          array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i)
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as cols,
          array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i)
                join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as refcols
        from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace order by 1`,
  );
  return fks
    .filter((fk) => keyOf.has(fk.table) && keyOf.has(fk.ref))
    .filter((fk) => !fk.cols.some((col, i) => col === keyOf.get(fk.table) && fk.refcols[i] === keyOf.get(fk.ref)))
    .map((fk) => `${fk.name} (${fk.table}(${fk.cols.join(", ")}) -> ${fk.ref}(${fk.refcols.join(", ")}))`);
}

/**
 * Unique constraints and unique indexes (partial and expression ones too) on tables that carry
 * `tenant_id` and do not include it: a global unique tells one tenant whether a value exists in
 * another. Primary keys are random UUIDs and are left out; the root table has no `tenant_id`
 * (every unique on it is global by definition, e.g. slugs that are URLs).
 */
export async function uniqueOffenders(exec: Exec, tables: TenantTable[]): Promise<string[]> {
  const scoped = tables.filter((t) => t.key === "tenant_id").map((t) => t.table);
  const rows = await json<{ name: string }>(
    exec,
    sql`select ic.relname as name from pg_index i
        join pg_class ic on ic.oid = i.indexrelid
        join pg_class tc on tc.oid = i.indrelid
        where tc.relnamespace = 'public'::regnamespace and i.indisunique and not i.indisprimary
        and tc.relname in (${sql.join(
          scoped.map((t) => sql`${t}`),
          sql`, `,
        )})
        and not exists (select 1 from pg_attribute a where a.attrelid = tc.oid and a.attname = 'tenant_id'
                        and a.attnum = any (i.indkey::int2[]))
        order by 1`,
  );
  return rows.map((r) => r.name);
}

/**
 * Everything `role` owns in this database (or cluster-wide, like databases), from pg_shdepend:
 * it records ownership of every kind of object — tables, views, sequences, functions, schemas,
 * types — so nothing escapes by being of a kind we forgot to query.
 */
export async function ownedObjects(exec: Exec, role: string): Promise<string[]> {
  const rows = await json<{ object: string }>(
    exec,
    sql`select coalesce(pg_describe_object(d.classid, d.objid, d.objsubid), d.classid::regclass::text || ' ' || d.objid) as object
        from pg_shdepend d join pg_roles r on r.oid = d.refobjid
        where d.deptype = 'o' and r.rolname = ${role}
        and (d.dbid = 0 or d.dbid = (select oid from pg_database where datname = current_database()))
        order by 1`,
  );
  return rows.map((r) => r.object);
}

/** The same question through the per-kind catalogs (a second, independent reading). */
export async function ownedByKind(exec: Exec, role: string): Promise<string[]> {
  const rows = await json<{ object: string }>(
    exec,
    sql`select kind || ' ' || name as object from (
          select 'relation' as kind, c.oid::regclass::text as name, c.relowner as owner from pg_class c
          union all select 'function', p.oid::regprocedure::text, p.proowner from pg_proc p
          union all select 'schema', n.nspname::text, n.nspowner from pg_namespace n
          union all select 'type', t.oid::regtype::text, t.typowner from pg_type t
        ) o join pg_roles r on r.oid = o.owner where r.rolname = ${role} order by 1`,
  );
  return rows.map((r) => r.object);
}

export type DefinerFunction = { fn: string; owner: string; config: string[] | null };

export async function securityDefinerFunctions(exec: Exec): Promise<DefinerFunction[]> {
  return json<DefinerFunction>(
    exec,
    sql`select p.oid::regprocedure::text as fn, pg_get_userbyid(p.proowner)::text as owner, p.proconfig::text[] as config
        from pg_proc p where p.prosecdef order by 1`,
  );
}

export type RoleFacts = { super: boolean; bypassrls: boolean; login: boolean; memberOf: string[] };

export async function roleFacts(exec: Exec, role: string): Promise<RoleFacts | undefined> {
  const [row] = await json<RoleFacts>(
    exec,
    sql`select r.rolsuper as super, r.rolbypassrls as bypassrls, r.rolcanlogin as login,
          array(select g.rolname::text from pg_auth_members m join pg_roles g on g.oid = m.roleid
                where m.member = r.oid order by 1) as "memberOf"
        from pg_roles r where r.rolname = ${role}`,
  );
  return row;
}

/**
 * The platform path's side of the walls: every table with row-level security must have exactly
 * the policy `tenant-scope.ts` generates for it (permissive, FOR ALL, to app_platform alone,
 * USING (true) WITH CHECK (true)), and no policy may name a role other than app_user or
 * app_platform (`public` included: it would admit every role, the owner's too).
 */
export async function platformPolicyGaps(exec: Exec): Promise<string[]> {
  const walled = await json<{ table: string }>(
    exec,
    sql`select c.relname as "table" from pg_class c where c.relnamespace = 'public'::regnamespace and c.relrowsecurity order by 1`,
  );
  const policies = await readPolicies(exec);
  const gaps: string[] = [];
  for (const { table } of walled) {
    const mine = policies.filter((p) => p.table === table);
    const admitsPlatform = mine.some(
      (p) =>
        p.permissive === "PERMISSIVE" &&
        p.cmd === "ALL" &&
        p.roles.join() === "app_platform" &&
        p.qual === "true" &&
        p.with_check === "true",
    );
    if (!admitsPlatform) gaps.push(`${table}: no FOR ALL policy for app_platform alone with USING (true) WITH CHECK (true)`);
    for (const p of mine) {
      const strangers = p.roles.filter((r) => r !== "app_user" && r !== "app_platform");
      if (strangers.length > 0)
        gaps.push(`${table}: policy ${p.name} admits ${strangers.join(", ")}, which is neither app_user nor app_platform`);
    }
  }
  return gaps;
}

/** Columns of `table` on which app_user lacks `privilege`, in column order. */
export async function columnsWithout(exec: Exec, table: string, privilege: "SELECT" | "UPDATE"): Promise<string[]> {
  const rows = await json<{ column: string }>(
    exec,
    sql`select a.attname as "column" from pg_attribute a
        where a.attrelid = ${`public.${table}`}::regclass and a.attnum > 0 and not a.attisdropped
        and not has_column_privilege('app_user', a.attrelid, a.attnum, ${privilege})
        order by a.attnum`,
  );
  return rows.map((r) => r.column);
}
