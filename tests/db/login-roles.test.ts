import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tx } from "@/db";
import { LoginRoleError } from "@/db/login-roles";
import { openRuntime } from "@/db/runtime";
import { ADMIN_URL, createPostgresTestDatabase, loginUrl, type TestDatabase } from "../support/databases";
import { discoverTenantTables, json, ownerExec, roleFacts, txExec, type TenantTable } from "./support/catalog";
import { failure, selectAll } from "./support/rows";
import { seedIsolationFixture, type IsolationFixture } from "./support/seed";

/**
 * The production shape: the tenant pool logs in as a role that is only `app_user`, so there is
 * no other role to go back to. Whatever SQL inside a tenant transaction says — RESET ROLE, SET
 * ROLE to anything, SET SESSION AUTHORIZATION — it still reads one tenant. The shape is also
 * checked when the pools open: a login that is more than its role is refused.
 */

/**
 * Statements that try to leave the runtime role, and what becomes of them: refused by Postgres,
 * harmless (still the tenant login, still tenant A), or failing closed (`reset all` clears the
 * tenant setting too, and no setting means no rows).
 */
const ESCAPES: { statement: string; outcome: "refused" | "still A" | "nothing" }[] = [
  { statement: "reset role", outcome: "still A" },
  { statement: "set role none", outcome: "still A" },
  { statement: "set local role none", outcome: "still A" },
  { statement: "reset session authorization", outcome: "still A" },
  { statement: "reset all", outcome: "nothing" },
  { statement: "set role postgres", outcome: "refused" },
  { statement: "set role app_platform", outcome: "refused" },
  { statement: "set local role app_platform", outcome: "refused" },
  { statement: "set session authorization postgres", outcome: "refused" },
];

describe("separate login roles on postgres", () => {
  let db: TestDatabase;
  let tables: TenantTable[];
  let fx: IsolationFixture;

  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 2 });
    tables = await discoverTenantTables(ownerExec(db));
    fx = await seedIsolationFixture(db);
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** Every tenant-owned table as seen inside `withTenant(A)` after `escape`. */
  async function afterEscape(escape: string) {
    return db.scopes.withTenant(fx.A.id, async (tx: Tx) => {
      await tx.execute(sql.raw(escape));
      const foreign: string[] = [];
      let rows = 0;
      for (const t of tables) {
        const visible = await txExec(tx)(selectAll(t));
        rows += visible.length;
        for (const row of visible) if (row[t.key] !== fx.A.id) foreign.push(`${t.table}:${String(row[t.key])}`);
      }
      const [me] = await json<{ current: string; session: string }>(
        txExec(tx),
        sql`select current_user as current, session_user as session`,
      );
      return { foreign, rows, me };
    });
  }

  it("1c. the tenant login is only app_user and the platform login only app_platform: no superuser, no BYPASSRLS", async () => {
    const owner = ownerExec(db);
    expect(await roleFacts(owner, db.roles.tenant)).toEqual({ super: false, bypassrls: false, login: true, memberOf: ["app_user"] });
    expect(await roleFacts(owner, db.roles.platform)).toEqual({ super: false, bypassrls: false, login: true, memberOf: ["app_platform"] });
  });

  for (const { statement, outcome } of ESCAPES) {
    it(`16. "${statement}" inside withTenant(A): ${outcome === "refused" ? "refused" : `no other tenant's rows, ${outcome}`}`, async () => {
      if (outcome === "refused") {
        expect(await failure(afterEscape(statement), statement)).toMatchObject({ code: "42501" });
        return;
      }
      const seen = await afterEscape(statement);
      expect(seen.foreign).toEqual([]);
      if (outcome === "still A") expect(seen.rows).toBeGreaterThan(0);
      else expect(seen.rows).toBe(0);
      expect(seen.me).toEqual({ current: db.roles.tenant, session: db.roles.tenant });
    });
  }

  it("16b. the same RESET ROLE on one login that switches roles (the shape before) reads every tenant", async () => {
    // Why production does not switch: the owner the connection goes back to is not walled.
    const switching = await createPostgresTestDatabase({ shape: "switch-role", max: 1 });
    try {
      await seedIsolationFixture(switching);
      const tenantIds = await switching.scopes.withTenant(fx.A.id, async (tx) => {
        await tx.execute(sql`reset role`);
        return json<{ id: string }>(txExec(tx), sql`select id from tenants`);
      });
      expect(tenantIds.length).toBeGreaterThanOrEqual(3);
    } finally {
      await switching.drop();
    }
  });

  describe("17. logins that are more than their role are refused when the pools open", () => {
    const suffix = randomBytes(4).toString("hex");
    const both = `agentry_test_both_${suffix}`;
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });

    beforeAll(async () => {
      const password = new URL(loginUrl(both, "postgres")).password;
      await admin.unsafe(`create role ${both} login password '${password}' in role app_user, app_platform`);
    });
    afterAll(async () => {
      await admin.unsafe(`drop role if exists ${both}`);
      await admin.end();
    });

    const refusal = async (url: string, platformUrl: string) => {
      const error = await openRuntime({ driver: "postgres", url, platformUrl, max: 1 }).then(
        async (runtime) => {
          await runtime.close();
          return null;
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(LoginRoleError);
      return (error as Error).message;
    };

    it("the owner (a superuser here) as the tenant login", async () => {
      expect(await refusal(db.urls!.owner, db.urls!.platform)).toMatch(/the tenant pool logs in as "postgres", which is a superuser/);
    });

    it("a tenant login that could also become app_platform", async () => {
      expect(await refusal(loginUrl(both, db.name!), db.urls!.platform)).toMatch(
        /logs in as "agentry_test_both_\w+", which is also a member of app_platform/,
      );
    });

    it("the two logins swapped", async () => {
      const message = await refusal(db.urls!.platform, db.urls!.app);
      expect(message).toMatch(/the tenant pool logs in as "\w+_platform", which is not a member of app_user/);
      expect(message).toMatch(/the platform pool logs in as "\w+_app", which is not a member of app_platform/);
    });

    it("and the right pair opens and serves", async () => {
      const runtime = await openRuntime({ driver: "postgres", url: db.urls!.app, platformUrl: db.urls!.platform, max: 1 });
      try {
        const ctx = await runtime.scopes.withTenant(fx.B.id, async (tx) =>
          json<{ n: number }>(txExec(tx), sql`select count(*)::int as n from tenants`),
        );
        expect(ctx).toEqual([{ n: 1 }]);
        expect(runtime.shape).toBe("login-roles");
      } finally {
        await runtime.close();
      }
    });
  });
});
