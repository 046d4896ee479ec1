import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeContext } from "@/db/scope";
import { createPostgresTestDatabase, DRIVERS, type TestDatabase } from "../support/databases";

/** Every shape the app can connect in: production login roles, one switching URL, PGlite. */
const SHAPES = [
  ...DRIVERS,
  { name: "postgres, one URL switching roles", create: () => createPostgresTestDatabase({ shape: "switch-role" }) },
];

describe.each(SHAPES)("scopes on $name", ({ create }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("runs tenant work as the tenant role with the tenant set", async () => {
    const tenant = "00000000-0000-4000-8000-000000000001";
    const ctx = await db.scopes.withTenant(tenant, (tx) => describeContext(tx));
    expect(ctx).toEqual({ role: db.roles.tenant, tenant, user_id: "" });
  });

  it("runs platform work as the platform role with no tenant or user", async () => {
    const ctx = await db.scopes.withPlatform("smoke test", { type: "system", id: null }, (tx) => describeContext(tx));
    expect(ctx).toEqual({ role: db.roles.platform, tenant: "", user_id: "" });
  });
});
