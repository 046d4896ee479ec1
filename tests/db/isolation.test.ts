import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db";
import { describeContext } from "@/db/scope";
import { DRIVERS, type TestDatabase } from "../support/databases";
import {
  discoverTenantTables,
  fkOffenders,
  json,
  columnsWithout,
  ownedByKind,
  ownedObjects,
  ownerExec,
  platformPolicyGaps,
  policyGaps,
  rlsState,
  roleFacts,
  securityDefinerFunctions,
  txExec,
  uniqueOffenders,
  unsafeViews,
  type Exec,
  type TenantTable,
} from "./support/catalog";
import {
  copyOfRow,
  deleteRows,
  failure,
  hasPrivilege,
  inRolledBackTransaction,
  insertJson,
  moveRows,
  PERMISSION_DENIED,
  RLS_VIOLATION,
  rowsOfTenant,
  selectAll,
} from "./support/rows";
import { seedIsolationFixture, type IsolationFixture } from "./support/seed";

/**
 * Tenant isolation, generated from the schema: the tables come from the catalog (every public
 * table with `tenant_id`, plus `tenants`), and every statement below is built from a table name
 * and its tenant key. A tenant-owned table added tomorrow is covered without editing this file.
 */

/** The only SECURITY DEFINER functions allowed: the two narrow "which tenant holds this hash" doors. */
const DEFINER_ALLOW_LIST = [
  "agentry_any_user()",
  "agentry_api_key_tenant(text)",
  "agentry_email_verification_user(text)",
  "agentry_invitation_tenant(text)",
  "agentry_reset_token_user(text)",
  "agentry_user_by_account(text,text)",
  "agentry_user_by_email(text)",
];

const ids = (rows: Record<string, unknown>[], column = "id") => rows.map((r) => String(r[column])).sort();

describe.each(DRIVERS)("tenant isolation on $name", ({ create }) => {
  let db: TestDatabase;
  let owner: Exec;
  let tables: TenantTable[];
  let fx: IsolationFixture;

  beforeAll(async () => {
    db = await create();
    owner = ownerExec(db);
    tables = await discoverTenantTables(owner);
    fx = await seedIsolationFixture(db);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("seeds tenants A and B in every tenant-owned table the catalog reports", async () => {
    // Guards every behavioural test below against passing vacuously on an empty table.
    expect(tables.length).toBeGreaterThan(1);
    for (const t of tables) {
      expect((await rowsOfTenant(owner, t, fx.A.id)).length, `${t.table} rows of A`).toBeGreaterThan(0);
      expect((await rowsOfTenant(owner, t, fx.B.id)).length, `${t.table} rows of B`).toBeGreaterThan(0);
    }
    // Notifications of both shapes — linked to an incident, and quota/billing ones with none — so
    // the wall below is proven for rows whose only tenant link is the tenant key itself.
    for (const id of [fx.A.id, fx.B.id]) {
      const kinds = await db.ownerSql("select distinct kind from notifications where tenant_id = $1 order by kind", [id]);
      expect(kinds.map((k) => k.kind)).toEqual(["auto_response", "quota"]);
    }
  });

  it("1a. app_user is not superuser, not BYPASSRLS, cannot log in, holds no role and owns no objects", async () => {
    expect(await roleFacts(owner, "app_user")).toEqual({ super: false, bypassrls: false, login: false, memberOf: [] });
    expect(await ownedObjects(owner, "app_user")).toEqual([]);
    expect(await ownedByKind(owner, "app_user")).toEqual([]);
  });

  it("1b. app_platform owns only the definer lookups, and they are the only SECURITY DEFINER functions", async () => {
    // No bypassrls expectation: the platform path rests on policies (2c), not on the attribute.
    expect(await roleFacts(owner, "app_platform")).toMatchObject({ super: false, login: false, memberOf: [] });
    expect(await ownedObjects(owner, "app_platform")).toEqual(DEFINER_ALLOW_LIST.map((f) => `function ${f}`));
    expect(await ownedByKind(owner, "app_platform")).toEqual(DEFINER_ALLOW_LIST.map((f) => `function ${f}`));
    const definers = await securityDefinerFunctions(owner);
    expect(definers.map((d) => d.fn)).toEqual(DEFINER_ALLOW_LIST);
    for (const d of definers) {
      expect(d.owner, d.fn).toBe("app_platform");
      // A definer function without a pinned search_path can be hijacked by objects on the caller's path.
      expect(
        d.config?.some((c) => c.startsWith("search_path=")),
        `${d.fn} pins search_path`,
      ).toBe(true);
    }
  });

  it("2a. every tenant-owned table has row-level security enabled and forced", async () => {
    const state = await rlsState(
      owner,
      tables.map((t) => t.table),
    );
    expect(state.map((s) => s.table).sort()).toEqual(tables.map((t) => t.table).sort());
    expect(state.filter((s) => !s.enabled || !s.forced)).toEqual([]);
  });

  it("2b. policies cover SELECT, INSERT, UPDATE, DELETE for app_user, with WITH CHECK on writes", async () => {
    expect(
      await policyGaps(
        owner,
        tables.map((t) => t.table),
      ),
    ).toEqual([]);
  });

  it("2c. every walled table admits app_platform through one policy, and no policy admits anyone else without the context", async () => {
    expect(await platformPolicyGaps(owner)).toEqual([]);
    // The detector is proven on a throwaway table walled like the others but without the platform policy.
    const flagged = await inRolledBackTransaction(db.db, async (exec) => {
      await exec(sql`create table iso_probe_walled (tenant_id uuid not null)`);
      await exec(sql`alter table iso_probe_walled enable row level security`);
      await exec(sql`create policy iso_probe_open on iso_probe_walled for select to public using (true)`);
      return platformPolicyGaps(exec);
    });
    expect(flagged).toEqual([
      "iso_probe_walled: no FOR ALL policy for app_platform alone with USING (true) WITH CHECK (true)",
      "iso_probe_walled: policy iso_probe_open admits public, which is neither app_user nor app_platform",
    ]);
  });

  it("3. with no tenant context every tenant-owned table reads 0 rows and refuses inserts", async () => {
    for (const t of tables) {
      const [row] = await json<{ n: number }>(
        owner,
        sql`select count(distinct ${sql.identifier(t.key)})::int as n from ${sql.identifier(t.table)}`,
      );
      expect(row!.n, `${t.table} holds rows of several tenants`).toBeGreaterThanOrEqual(3);
    }
    const seen = await db.scopes.withUser(null, async (tx) => {
      const counts: Record<string, number> = {};
      for (const t of tables) counts[t.table] = (await txExec(tx)(selectAll(t))).length;
      return { ctx: await describeContext(tx), counts };
    });
    expect(seen.ctx).toEqual({ role: db.roles.tenant, tenant: "", user_id: "" });
    expect(seen.counts).toEqual(Object.fromEntries(tables.map((t) => [t.table, 0])));
    for (const t of tables) {
      const row = await copyOfRow(owner, t, fx.A.id);
      const why = await failure(
        db.scopes.withUser(null, (tx) => tx.execute(insertJson(t, row))),
        `insert into ${t.table} without a tenant`,
      );
      // Tables only the platform path writes (key_usage_purged) refuse by grant: stronger than RLS.
      expect(why, t.table).toMatchObject((await hasPrivilege(owner, t.table, "INSERT")) ? RLS_VIOLATION : PERMISSION_DENIED);
    }
  });

  it("4. inside withTenant(A) an unscoped select * returns exactly A's rows in every table, none of B's", async () => {
    for (const t of tables) {
      const expected = await rowsOfTenant(owner, t, fx.A.id);
      const ofB = new Set(ids(await rowsOfTenant(owner, t, fx.B.id)));
      const visible = await db.scopes.withTenant(fx.A.id, async (tx) => txExec(tx)(selectAll(t)));
      expect(visible.length, t.table).toBeGreaterThan(0);
      expect(
        visible.filter((r) => r[t.key] !== fx.A.id),
        t.table,
      ).toEqual([]);
      expect(ids(visible), t.table).toEqual(ids(expected));
      expect(
        ids(visible).filter((id) => ofB.has(id)),
        t.table,
      ).toEqual([]);
    }
  });

  it("5a. inserting a row of tenant B from A's context is rejected by RLS in every table", async () => {
    for (const t of tables) {
      const before = await rowsOfTenant(owner, t, fx.B.id);
      const row = await copyOfRow(owner, t, fx.B.id);
      const why = await failure(
        db.scopes.withTenant(fx.A.id, (tx) => tx.execute(insertJson(t, row))),
        `insert of B's row into ${t.table}`,
      );
      expect(why, t.table).toMatchObject((await hasPrivilege(owner, t.table, "INSERT")) ? RLS_VIOLATION : PERMISSION_DENIED);
      expect(await rowsOfTenant(owner, t, fx.B.id), t.table).toEqual(before);
    }
  });

  it("5b. updating or deleting B's rows from A's context touches 0 rows; B's rows are unchanged", async () => {
    for (const t of tables) {
      const beforeB = await rowsOfTenant(owner, t, fx.B.id);
      const beforeA = await rowsOfTenant(owner, t, fx.A.id);
      const inA = (q: ReturnType<typeof moveRows>) => db.scopes.withTenant(fx.A.id, async (tx) => txExec(tx)(q));
      // Tables without the grant (audit_log) refuse outright; that is stronger than 0 rows.
      if (await hasPrivilege(owner, t.table, "UPDATE")) {
        expect(await inA(moveRows(t, fx.B.id, fx.A.id)), `steal ${t.table}`).toEqual([]);
        // Pushing one's own rows into B is the other direction: WITH CHECK must refuse it.
        expect(await failure(inA(moveRows(t, fx.A.id, fx.B.id)), `push ${t.table}`), t.table).toMatchObject(RLS_VIOLATION);
      } else {
        expect(await failure(inA(moveRows(t, fx.B.id, fx.A.id)), `update ${t.table}`), t.table).toMatchObject(PERMISSION_DENIED);
      }
      if (await hasPrivilege(owner, t.table, "DELETE")) {
        expect(await inA(deleteRows(t, fx.B.id)), `delete ${t.table}`).toEqual([]);
      } else {
        expect(await failure(inA(deleteRows(t, fx.B.id)), `delete ${t.table}`), t.table).toMatchObject(PERMISSION_DENIED);
      }
      expect(await rowsOfTenant(owner, t, fx.B.id), t.table).toEqual(beforeB);
      expect(await rowsOfTenant(owner, t, fx.A.id), t.table).toEqual(beforeA);
    }
  });

  it("6. no view in public runs with its owner's rights (detector proven on throwaway views)", async () => {
    expect(await unsafeViews(owner)).toEqual([]);
    const probe = await inRolledBackTransaction(db.db, async (exec) => {
      await exec(sql`create view iso_probe_definer as select id from tenants`);
      await exec(sql`create view iso_probe_off with (security_invoker = false) as select id from tenants`);
      await exec(sql`create view iso_probe_invoker with (security_invoker = on) as select id from tenants`);
      await exec(sql`create materialized view iso_probe_snapshot as select id from tenants`);
      const flagged = await unsafeViews(exec);
      // Why it matters: through the owner-rights view app_user sees every tenant.
      await exec(sql`grant select on iso_probe_definer, iso_probe_invoker to app_user`);
      await exec(sql`select set_config('role', 'app_user', true), set_config('app.tenant_id', ${fx.A.id}, true)`);
      const [leak] = await json<{ definer: number; invoker: number }>(
        exec,
        sql`select (select count(*) from iso_probe_definer)::int as definer, (select count(*) from iso_probe_invoker)::int as invoker`,
      );
      return { flagged, leak };
    });
    expect(probe.flagged).toEqual(["iso_probe_definer", "iso_probe_off", "iso_probe_snapshot"]);
    expect(probe.leak!.invoker).toBe(1);
    expect(probe.leak!.definer).toBeGreaterThanOrEqual(3);
    expect(await unsafeViews(owner)).toEqual([]);
  });

  it("7a. every foreign key between tenant-owned tables is composite on the tenant key", async () => {
    expect(await fkOffenders(owner, tables)).toEqual([]);
    const flagged = await inRolledBackTransaction(db.db, async (exec) => {
      await exec(sql`alter table invitations add constraint iso_probe_fk foreign key (invited_by) references memberships (id) not valid`);
      return fkOffenders(exec, tables);
    });
    expect(flagged).toEqual(["iso_probe_fk (invitations(invited_by) -> memberships(id))"]);
  });

  it("7b. every unique constraint or unique index on a tenant-owned table includes tenant_id", async () => {
    expect(await uniqueOffenders(owner, tables)).toEqual([]);
    const flagged = await inRolledBackTransaction(db.db, async (exec) => {
      await exec(sql`create unique index iso_probe_global_uq on api_keys (id, name)`);
      await exec(sql`create unique index iso_probe_partial_uq on invitations (token_hash, id) where revoked_at is null`);
      await exec(sql`create index iso_probe_plain_idx on api_keys (name)`);
      await exec(sql`alter table memberships add constraint iso_probe_scoped_key unique (tenant_id, role, id)`);
      return uniqueOffenders(exec, tables);
    });
    expect(flagged).toEqual(["iso_probe_global_uq", "iso_probe_partial_uq"]);
  });

  it("8. audit_log is append-only for app_user: UPDATE, DELETE and TRUNCATE refused by grant and by trigger", async () => {
    const audit: TenantTable = { table: "audit_log", key: "tenant_id" };
    const before = await json<Record<string, unknown>>(owner, sql`select * from audit_log order by id`);
    const own = await db.scopes.withTenant(fx.A.id, async (tx) => txExec(tx)(selectAll(audit)));
    expect(own.length).toBeGreaterThan(0);
    const statements = {
      update: sql`update audit_log set action = 'tampered' where tenant_id = ${fx.A.id}::uuid`,
      delete: sql`delete from audit_log where tenant_id = ${fx.A.id}::uuid`,
      truncate: sql`truncate audit_log`,
    };
    for (const [verb, statement] of Object.entries(statements)) {
      const why = await failure(
        db.scopes.withTenant(fx.A.id, (tx) => tx.execute(statement)),
        `${verb} on audit_log`,
      );
      expect(why, verb).toMatchObject(PERMISSION_DENIED);
      // Second wall: even with the grant (given and rolled back here), the trigger refuses.
      const trigger = await failure(
        inRolledBackTransaction(db.db, async (exec) => {
          await exec(sql`grant update, delete, truncate on audit_log to app_user`);
          await exec(sql`select set_config('role', 'app_user', true), set_config('app.tenant_id', ${fx.A.id}, true)`);
          await exec(statement);
        }),
        `${verb} on audit_log with the grant`,
      );
      expect(trigger, verb).toMatchObject({ code: "42501", message: expect.stringMatching(/append-only/) });
    }
    expect(await hasPrivilege(owner, "audit_log", "UPDATE")).toBe(false);
    expect(await json(owner, sql`select * from audit_log order by id`)).toEqual(before);
  });

  it("12. withUser(U) shows U's memberships and tenants only; withUser(null) shows none", async () => {
    const U = fx.member.id;
    const [others] = await json<{ n: number }>(owner, sql`select count(*)::int as n from memberships where user_id <> ${U}::uuid`);
    expect(others!.n).toBeGreaterThan(0);
    const visible = (userId: string | null) =>
      db.scopes.withUser(userId, async (tx) => {
        const out: Record<string, Record<string, unknown>[]> = {};
        for (const t of tables) out[t.table] = await txExec(tx)(selectAll(t));
        return out;
      });
    const asU = await visible(U);
    expect(asU.memberships!.filter((m) => m.user_id !== U)).toEqual([]);
    expect(ids(asU.memberships!, "tenant_id")).toEqual([fx.A.id, fx.C.id].sort());
    expect(ids(asU.tenants!)).toEqual([fx.A.id, fx.C.id].sort());
    // The identity policies open memberships and tenants only; every other tenant table stays shut.
    for (const t of tables.filter((x) => !["memberships", "tenants"].includes(x.table))) expect(asU[t.table], t.table).toEqual([]);
    const asOwnerB = await visible(fx.B.owner.id);
    expect(ids(asOwnerB.tenants!)).toEqual([fx.B.id]);
    expect(ids(asOwnerB.memberships!, "user_id")).toEqual([fx.B.owner.id]);
    const anonymous = await visible(null);
    expect(Object.values(anonymous).flat()).toEqual([]);
  });

  it("13. identity tables are walled too: your own rows, your tenant's members, nobody else", async () => {
    const identity = ["users", "accounts", "user_sessions", "password_reset_tokens", "email_verifications"];
    expect((await rlsState(owner, identity)).filter((s) => !s.enabled || !s.forced)).toEqual([]);
    const U = fx.member.id;
    const bOwner = fx.B.owner.id;
    for (const uid of [U, bOwner]) {
      await db.scopes.withUser(uid, (tx) =>
        tx.execute(sql`insert into user_sessions (user_id, expires_at) values (${uid}::uuid, now() + interval '1 day')`),
      );
    }
    const read = (
      scope: (fn: (tx: Tx) => Promise<{ users: string[]; sessions: string[] }>) => Promise<{ users: string[]; sessions: string[] }>,
    ) =>
      scope(async (tx) => ({
        users: ids(await txExec(tx)(sql`select id from users`)),
        sessions: ids(await txExec(tx)(sql`select user_id from user_sessions`), "user_id"),
      }));
    expect(await read((fn) => db.scopes.withUser(U, fn))).toEqual({ users: [U], sessions: [U] });
    const membersOfB = ids(await json(owner, sql`select user_id from memberships where tenant_id = ${fx.B.id}::uuid`), "user_id");
    expect(membersOfB.length).toBeGreaterThan(1);
    expect(await read((fn) => db.scopes.withTenant(fx.B.id, fn))).toEqual({ users: membersOfB, sessions: [] });
    expect(await read((fn) => db.scopes.withUser(null, fn))).toEqual({ users: [], sessions: [] });
    const touched = await db.scopes.withUser(U, (tx) =>
      txExec(tx)(sql`update users set name = 'taken over' where id = ${bOwner}::uuid returning id`),
    );
    expect(touched).toEqual([]);
    const [row] = await json<{ name: string }>(owner, sql`select name from users where id = ${bOwner}::uuid`);
    expect(row!.name).not.toBe("taken over");
  });

  it("14. withPlatform sees every row of every walled table, and records who asked and why", async () => {
    const walled = [...tables.map((t) => t.table), "users", "accounts", "user_sessions", "password_reset_tokens"];
    // The verbs seed no external account or reset token: one each, as owner, so no table is empty.
    const U = fx.member.id;
    await owner(sql`insert into accounts (user_id, provider, provider_account_id) values (${U}::uuid, 'oidc', ${`iso-${U}`})`);
    await owner(
      sql`insert into password_reset_tokens (user_id, token_hash, expires_at) values (${U}::uuid, ${`iso-${U}`}, now() + interval '1 hour')`,
    );
    const reason = `isolation suite ${Date.now()}`;
    const seen = await db.scopes.withPlatform(reason, { type: "system", id: null }, async (tx) => {
      const counts: Record<string, number> = {};
      for (const table of walled) {
        const [row] = await json<{ n: number }>(txExec(tx), sql`select count(*)::int as n from ${sql.identifier(table)}`);
        counts[table] = row!.n;
      }
      return { ctx: await describeContext(tx), counts };
    });
    expect(seen.ctx).toEqual({ role: db.roles.platform, tenant: "", user_id: "" });
    for (const table of walled) {
      const [row] = await json<{ n: number }>(owner, sql`select count(*)::int as n from ${sql.identifier(table)}`);
      expect(row!.n, table).toBeGreaterThan(0);
      expect(seen.counts[table], table).toBe(row!.n);
    }
    const audit = await json(owner, sql`select actor_type, reason from platform_audit_log where reason = ${reason}`);
    expect(audit).toEqual([{ actor_type: "system", reason }]);
  });

  it("15. app_user reads every users column but password_hash, and cannot make anyone a platform admin", async () => {
    // From the catalog, so a column added later without its grant is named here.
    expect(await columnsWithout(owner, "users", "SELECT")).toEqual(["password_hash"]);
    const notUpdatable = await columnsWithout(owner, "users", "UPDATE");
    expect(notUpdatable).toEqual(expect.arrayContaining(["id", "is_platform_admin"]));
    expect(notUpdatable).not.toContain("name");
    const U = fx.member.id;
    const before = await json(owner, sql`select password_hash, is_platform_admin from users where id = ${U}::uuid`);
    expect(String((before[0] as { password_hash: string }).password_hash)).toMatch(/^\$argon2id\$/);
    // Even on one's own row, where the row policy would let the statement through.
    for (const [what, statement] of [
      ["select password_hash", sql`select password_hash from users where id = ${U}::uuid`],
      ["select *", sql`select * from users where id = ${U}::uuid`],
      ["update is_platform_admin", sql`update users set is_platform_admin = true where id = ${U}::uuid`],
    ] as const) {
      expect(
        await failure(
          db.scopes.withUser(U, (tx) => tx.execute(statement)),
          what,
        ),
        what,
      ).toMatchObject(PERMISSION_DENIED);
    }
    // What the app does read and write of its own user still works.
    const own = await db.scopes.withUser(U, (tx) =>
      txExec(tx)(sql`update users set name = name where id = ${U}::uuid returning id, email, name, is_platform_admin`),
    );
    expect(ids(own)).toEqual([U]);
    expect(await json(owner, sql`select password_hash, is_platform_admin from users where id = ${U}::uuid`)).toEqual(before);
  });
});
