import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, rowsOf } from "@/db/client";
import { migrateDatabase, MigrationError } from "@/db/migrate";
import { authenticatePassword } from "@/server/auth/authenticate-password";
import { callerFor, seedTenant, TEST_PASSWORD } from "../support/callers";
import { createPostgresTestDatabase, loginUrl, type TestDatabase } from "../support/databases";
import { startThrowawayCluster, type ThrowawayCluster } from "../support/throwaway-cluster";
import { dbError, failure } from "./support/rows";

/**
 * The managed-Postgres shape, on a fresh cluster of our own: the migration owner is a login with
 * CREATEROLE and CREATEDB only — no superuser, so it can neither create a BYPASSRLS role nor
 * bypass row-level security itself. It creates the database, migrates it from nothing and makes
 * the runtime logins; the app then runs on those logins. Before migration 0000 stopped asking for
 * BYPASSRLS, the first step here failed.
 */

const OWNER = "agentry_owner";

describe("a fresh managed-style cluster, migrated by a non-superuser owner", () => {
  let cluster: ThrowawayCluster;
  let db: TestDatabase;

  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    db = await createPostgresTestDatabase({ adminUrl: cluster.adminUrl, managedOwner: OWNER, max: 4 });
  });
  afterAll(async () => {
    await db?.drop();
    await cluster?.stop();
  });

  const facts = async (role: string) =>
    (await db.ownerSql("select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb from pg_roles where rolname = $1", [role]))[0];

  it("the owner that migrated is no superuser, and no role of the app has BYPASSRLS", async () => {
    const [who] = await db.ownerSql(
      "select current_user::text as me, (select pg_get_userbyid(datdba)::text from pg_database where datname = current_database()) as dba",
    );
    expect(who).toEqual({ me: OWNER, dba: OWNER });
    expect(await facts(OWNER)).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: true, rolcreatedb: true });
    for (const role of ["app_user", "app_platform", db.roles.tenant, db.roles.platform]) {
      expect(await facts(role), role).toMatchObject({ rolsuper: false, rolbypassrls: false });
    }
    const [applied] = await db.ownerSql("select count(*)::int as n from drizzle.__drizzle_migrations");
    expect(applied!.n).toBeGreaterThanOrEqual(4);
  });

  it("tenants stay apart, and the platform path, the key door and sign-in work without BYPASSRLS", async () => {
    const a = await seedTenant(db, "Managed A");
    const b = await seedTenant(db, "Managed B");
    const inA = await db.scopes.withTenant(a.tenant.id, async (tx) =>
      rowsOf<{ tenant_id: string }>(await tx.execute(sql`select tenant_id from memberships`)),
    );
    expect(inA.map((r) => r.tenant_id)).toEqual([a.tenant.id]);

    const admin = callerFor(db, { user: { ...a.owner, isPlatformAdmin: true } });
    const listed = await admin.admin.tenants({});
    expect(listed.items.map((t) => t.id)).toEqual(expect.arrayContaining([a.tenant.id, b.tenant.id]));

    // The definer lookups are owned by app_platform: they see through the walls by its policies.
    const key = await a.as(a.owner).apiKeys.create({ name: "managed", scopes: ["tenant:read"] });
    expect((await callerFor(db, { apiKey: key.secret }).tenant.get()).id).toBe(a.tenant.id);
    const signedIn = await db.scopes.withUser(null, (tx) => authenticatePassword(tx, b.owner.email, TEST_PASSWORD));
    expect(signedIn?.id).toBe(b.owner.id);
  });

  it("RESET ROLE inside a tenant transaction leaves the runtime login unable to read another tenant", async () => {
    const a = await seedTenant(db, "Reset A");
    await seedTenant(db, "Reset B");
    const seen = await db.scopes.withTenant(a.tenant.id, async (tx) => {
      await tx.execute(sql`reset role`);
      return rowsOf<{ id: string; me: string }>(await tx.execute(sql`select id, current_user::text as me from tenants`));
    });
    expect(seen).toEqual([{ id: a.tenant.id, me: db.roles.tenant }]);
  });

  it("a refused migration prints the database's reason and the file, not the SQL", async () => {
    // Migration 0000 as it was: it asked for BYPASSRLS, which only a superuser may grant.
    const folder = mkdtempSync(path.join(tmpdir(), "agentry-migrations-"));
    try {
      mkdirSync(path.join(folder, "meta"));
      writeFileSync(
        path.join(folder, "0000_old_runtime_roles.sql"),
        `-- app_platform as migration 0000 used to create it\nDO $$\nBEGIN\n  CREATE ROLE agentry_probe_platform NOLOGIN NOSUPERUSER BYPASSRLS;\nEND\n$$;`,
      );
      writeFileSync(
        path.join(folder, "meta/_journal.json"),
        JSON.stringify({
          version: "7",
          dialect: "postgresql",
          entries: [{ idx: 0, version: "7", when: 1, tag: "0000_old_runtime_roles", breakpoints: true }],
        }),
      );
      // A database of its own: drizzle skips migrations older than what a database has applied.
      await db.ownerSql(`create database agentry_old_0000`);
      const owner = await openDatabase({ driver: "postgres", url: loginUrl(OWNER, "agentry_old_0000", cluster.adminUrl), max: 1 });
      const error = await migrateDatabase(owner, folder)
        .then(
          () => null,
          (e: unknown) => e,
        )
        .finally(() => owner.close());
      expect(error).toBeInstanceOf(MigrationError);
      const message = (error as MigrationError).message;
      expect(message).toMatch(/^Migration 0000_old_runtime_roles\.sql failed: .*bypassrls.* \(SQLSTATE 42501\)/i);
      // Postgres's own context may name the one statement; the migration's text never appears.
      expect(message).not.toMatch(/Failed query|DO \$\$|as migration 0000 used to|params:/);
      expect(message.split("\n").length).toBeLessThanOrEqual(5);
      expect((error as MigrationError).code).toBe("42501");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("the runtime logins cannot become the owner or each other", async () => {
    for (const target of [OWNER, "app_platform", "postgres"]) {
      const why = await failure(
        db.scopes.withTenant("00000000-0000-4000-8000-000000000001", (tx) => tx.execute(sql.raw(`set role ${target}`))),
        `set role ${target}`,
      );
      expect(why, target).toMatchObject({ code: "42501" });
    }
    const why = await failure(
      db.scopes.withUser(null, (tx) => tx.execute(sql`set session authorization postgres`)),
      "set session authorization",
    );
    expect(dbError(why).code ?? why.code).toBe("42501");
  });
});
