import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeContext } from "@/db/scope";
import { DRIVERS, type TestDatabase } from "../support/databases";

describe.each(DRIVERS)("scopes on $name", ({ create }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await create();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("runs tenant work as app_user with the tenant set", async () => {
    const tenant = "00000000-0000-4000-8000-000000000001";
    const ctx = await db.scopes.withTenant(tenant, (tx) => describeContext(tx));
    expect(ctx).toEqual({ role: "app_user", tenant, user_id: "" });
  });
});
