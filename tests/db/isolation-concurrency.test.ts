import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, type Database } from "@/db/client";
import { describeContext } from "@/db/scope";
import { seedTenant } from "../support/callers";
import { createPgliteTestDatabase, createPostgresTestDatabase, DRIVERS, type TestDatabase } from "../support/databases";
import { dbError, failure } from "./support/rows";

/**
 * Context must never outlive its transaction. On a pool of one every transaction reuses the same
 * connection, so anything `withTenant` left behind would be visible to the next caller; PGlite
 * is a single connection by construction. Then the same question under load on Postgres.
 */

type ConnectionState = { tenant: string | null; user_id: string | null; role: string; session: string; owner: string; pid: number };

/** The connection's state outside any scope: what the next, unscoped caller would inherit. */
async function connectionState(db: Database): Promise<ConnectionState> {
  const [row] = rowsOf<ConnectionState>(
    await db.execute(
      sql`select current_setting('app.tenant_id', true) as tenant, current_setting('app.user_id', true) as user_id,
          current_user::text as role, session_user::text as session, pg_backend_pid() as pid,
          (select pg_get_userbyid(datdba)::text from pg_database where datname = current_database()) as owner`,
    ),
  );
  return row!;
}

const pidOf = async (tx: { execute: Database["execute"] }) =>
  rowsOf<{ pid: number }>(await tx.execute(sql`select pg_backend_pid() as pid`))[0]!.pid;

const tenantIdsOfMemberships = async (tx: { execute: Database["execute"] }) =>
  rowsOf<{ tenant_id: string }>(await tx.execute(sql`select tenant_id from memberships`)).map((r) => r.tenant_id);

describe.each(DRIVERS)("connection hygiene on $name (pool of one)", ({ name }) => {
  let db: TestDatabase;
  let A: string;
  let B: string;
  let pid: number;

  beforeAll(async () => {
    db = name === "postgres" ? await createPostgresTestDatabase({ max: 1 }) : await createPgliteTestDatabase();
    A = (await seedTenant(db, "Owner A")).tenant.id;
    B = (await seedTenant(db, "Owner B")).tenant.id;
    pid = (await connectionState(db.app)).pid;
  });
  afterAll(async () => {
    await db?.drop();
  });

  /**
   * Clean means: no tenant or user set, back to the pool's own login (the owner when switching
   * roles, the tenant login in the production shape), and still the one connection.
   */
  async function expectClean() {
    const state = await connectionState(db.app);
    expect([null, ""]).toContain(state.tenant);
    expect([null, ""]).toContain(state.user_id);
    expect(state.role).toBe(state.session);
    expect(state.role).toBe(db.roles.login);
    if (db.shape === "switch-role") expect(state.role).toBe(state.owner);
    expect(state.pid).toBe(pid);
  }

  it("9. after withTenant(A) the same connection has no tenant and is its own login again; withTenant(B) sees only B", async () => {
    const inA = await db.scopes.withTenant(A, async (tx) => ({
      ctx: await describeContext(tx),
      pid: await pidOf(tx),
      tenants: await tenantIdsOfMemberships(tx),
    }));
    expect(inA.ctx).toMatchObject({ role: db.roles.tenant, tenant: A });
    expect(inA.pid).toBe(pid);
    expect(inA.tenants.length).toBeGreaterThan(0);
    expect(new Set(inA.tenants)).toEqual(new Set([A]));
    await expectClean();
    const inB = await db.scopes.withTenant(B, async (tx) => ({ pid: await pidOf(tx), tenants: await tenantIdsOfMemberships(tx) }));
    expect(inB.pid).toBe(pid);
    expect(inB.tenants.length).toBeGreaterThan(0);
    expect(new Set(inB.tenants)).toEqual(new Set([B]));
    await expectClean();
  });

  const failures = {
    "a JS exception": async () => {
      throw new Error("boom mid-transaction");
    },
    "an SQL error": async (tx: { execute: Database["execute"] }) => {
      await tx.execute(sql`select 1 / 0`);
    },
  };

  for (const [label, fail] of Object.entries(failures)) {
    it(`10. ${label} inside withTenant rolls back the write and leaves no tenant context on the connection`, async () => {
      const nameOf = async () => (await db.ownerSql(`select name from tenants where id = $1`, [A]))[0]!.name;
      const before = await nameOf();
      const renamed = `rolled back ${randomUUID()}`;
      const why = await failure(
        db.scopes.withTenant(A, async (tx) => {
          const updated = rowsOf(await tx.execute(sql`update tenants set name = ${renamed} where id = ${A}::uuid returning id`));
          // The write really happened inside the transaction: the rollback below is what undoes it.
          expect(updated).toHaveLength(1);
          expect(await pidOf(tx)).toBe(pid);
          await fail(tx);
        }),
        `withTenant with ${label}`,
      );
      expect(why.message).toMatch(label === "an SQL error" ? /division by zero/ : /boom mid-transaction/);
      await expectClean();
      expect(await nameOf()).toBe(before);
      // And the connection is usable and correctly scoped for the next tenant.
      const inB = await db.scopes.withTenant(B, (tx) => tenantIdsOfMemberships(tx));
      expect(new Set(inB)).toEqual(new Set([B]));
    });
  }
});

describe("10,000 interleaved tenant transactions on postgres (pool of 10, 50 in flight)", () => {
  const TOTAL = 10_000;
  const IN_FLIGHT = 50;
  const POOL = 10;
  const TENANTS = 8;
  let db: TestDatabase;
  /** Tenant id -> how many memberships it has (1..8, all different, so a borrowed view shows). */
  const expected = new Map<string, number>();

  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: POOL });
    // Seeded as owner for speed: this test is about connections, the verbs are covered elsewhere.
    for (let i = 0; i < TENANTS; i++) {
      const id = randomUUID();
      await db.ownerSql(`insert into tenants (id, slug, name) values ($1, $2, $3)`, [id, `load-${id.slice(0, 8)}`, `Load ${i}`]);
      await db.ownerSql(
        `with u as (insert into users (email, name) select 'load-' || $1 || '-' || n || '@example.test', 'Load user'
                    from generate_series(1, $2::int) n returning id)
         insert into memberships (tenant_id, user_id, role) select $1::uuid, id, 'viewer' from u`,
        [id, i + 1],
      );
      expected.set(id, i + 1);
    }
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("11. every transaction sees only its own tenant: 0 leaks", async () => {
    const tenants = [...expected.keys()];
    const leaks: string[] = [];
    const pids = new Set<number>();
    let done = 0;
    let rolledBack = 0;
    const rollback = new Error("planned rollback");
    // 10,000 tenant transactions on random tenants, one in ten throwing after it has read (the
    // rollback path under load), shuffled with 1,000 anonymous identity transactions and 1,000
    // bare queries outside any scope: whatever a transaction left on a pooled connection would
    // show up in those.
    type Kind = "read" | "throw" | "anonymous" | "bare";
    const slot = (kind: Kind) => ({ kind, tenant: tenants[Math.floor(Math.random() * tenants.length)]! });
    const plan = [
      ...Array.from({ length: TOTAL }, (_, i) => slot(i % 10 === 0 ? "throw" : "read")),
      ...Array.from({ length: TOTAL / 10 }, () => slot("anonymous")),
      ...Array.from({ length: TOTAL / 10 }, () => slot("bare")),
    ];
    for (let i = plan.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [plan[i], plan[j]] = [plan[j]!, plan[i]!];
    }
    let next = 0;
    async function worker() {
      while (next < plan.length) {
        const { tenant, kind } = plan[next++]!;
        try {
          if (kind === "bare") {
            const state = await connectionState(db.app);
            if (state.tenant || state.user_id || state.role !== state.session)
              leaks.push(`bare query on ${state.pid}: ${JSON.stringify(state)}`);
          } else if (kind === "anonymous") {
            const seen = await db.scopes.withUser(null, async (tx) => ({
              ctx: await describeContext(tx),
              rows: await tenantIdsOfMemberships(tx),
            }));
            if (seen.ctx.tenant !== "" || seen.rows.length > 0)
              leaks.push(`anonymous saw tenant=${seen.ctx.tenant} rows=${seen.rows.length}`);
          } else {
            await db.scopes.withTenant(tenant, async (tx) => {
              const [ctx] = rowsOf<{ tenant: string; pid: number }>(
                await tx.execute(sql`select current_setting('app.tenant_id') as tenant, pg_backend_pid() as pid`),
              );
              const rows = await tenantIdsOfMemberships(tx);
              pids.add(ctx!.pid);
              if (ctx!.tenant !== tenant) leaks.push(`context ${ctx!.tenant} in a transaction for ${tenant}`);
              const foreign = rows.filter((r) => r !== tenant);
              if (foreign.length > 0 || rows.length !== expected.get(tenant)) {
                leaks.push(`${tenant} saw ${rows.length} rows (${foreign.length} foreign), expected ${expected.get(tenant)}`);
              }
              if (kind === "throw") throw rollback;
            });
          }
        } catch (error) {
          if (error !== rollback) leaks.push(`unexpected error: ${dbError(error).message}`);
          else rolledBack++;
        }
        if (kind === "read" || kind === "throw") done++;
      }
    }
    const started = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const elapsed = performance.now() - started;
    console.log(
      `[isolation] ${done} tenant transactions (${rolledBack} rolled back) + ${TOTAL / 10} anonymous + ${TOTAL / 10} bare queries over ${pids.size} connections, ${IN_FLIGHT} in flight, ` +
        `${TENANTS} tenants: ${(elapsed / 1000).toFixed(2)} s (${Math.round(done / (elapsed / 1000))} tx/s), ${leaks.length} leaks`,
    );
    expect(leaks.length, leaks.slice(0, 10).join("\n")).toBe(0);
    expect(done).toBe(TOTAL);
    expect(rolledBack).toBe(TOTAL / 10);
    expect(pids.size).toBeGreaterThan(1);
    expect(pids.size).toBeLessThanOrEqual(POOL);
  }, 120_000);
});
