import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";

/**
 * The process-wide database of `@/db` reads no environment: whoever runs the process configures
 * it (the server from its validated environment, at start-up), and using it before that is a
 * clear error rather than a silent default.
 */

const forget = () => {
  delete (globalThis as { __agentryDb?: unknown }).__agentryDb;
};

describe("the process database (@/db)", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 1 });
  });
  beforeEach(() => {
    forget();
    vi.resetModules();
  });
  afterAll(async () => {
    forget();
    await db?.drop();
  });

  it("refuses to run a query before it is configured, saying what to call", async () => {
    const { withTenant } = await import("@/db");
    await expect(withTenant("00000000-0000-4000-8000-000000000001", async () => 1)).rejects.toThrow(
      /The database is not configured: call configureDatabase\(\) first/,
    );
  });

  it("runs on the configuration it is given, in the login-role shape, and refuses another once open", async () => {
    const { closeDatabase, configureDatabase, withPlatform, withTenant } = await import("@/db");
    const config = { driver: "postgres" as const, url: db.urls!.app, platformUrl: db.urls!.platform, max: 1, platformMax: 1 };
    configureDatabase(config);
    const me = await withTenant("00000000-0000-4000-8000-000000000001", async (tx) => tx.execute(sql`select current_user::text as me`));
    expect([...(me as unknown as { me: string }[])]).toEqual([{ me: db.roles.tenant }]);
    const platformMe = await withPlatform("process database test", { type: "system", id: null }, async (tx) =>
      tx.execute(sql`select current_user::text as me`),
    );
    expect([...(platformMe as unknown as { me: string }[])]).toEqual([{ me: db.roles.platform }]);
    configureDatabase({ ...config });
    expect(() => configureDatabase({ driver: "pglite" })).toThrow(/already open with another configuration/);
    await closeDatabase();
  });
});
