import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scopes } from "@/db/scope";
import type { RateLimiter } from "@/server/ratelimit";
import { MemoryRateLimiter } from "@/server/ratelimit/memory-limiter";
import { createPgliteTestDatabase, type TestDatabase } from "../support/databases";
import { addMember, callerFor, seedTenant } from "../support/callers";

/** Real scopes and a real limiter, counted: how many tenant transactions and limit checks a door spends. */
function counted(db: TestDatabase) {
  const counts = { tenantTransactions: 0, limitChecks: 0 };
  const scopes: Scopes = {
    withTenant: (id, fn) => {
      counts.tenantTransactions++;
      return db.scopes.withTenant(id, fn);
    },
    withUser: (id, fn) => db.scopes.withUser(id, fn),
    withPlatform: (reason, actor, fn) => db.scopes.withPlatform(reason, actor, fn),
  };
  const real = new MemoryRateLimiter();
  const limiter: RateLimiter = {
    kind: real.kind,
    limit: (key, perMinute) => {
      counts.limitChecks++;
      return real.limit(key, perMinute);
    },
  };
  return { counts, scopes, limiter };
}

describe("the page door", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  async function render(door: "api" | "page") {
    const org = await seedTenant(db);
    const { counts, scopes, limiter } = counted(db);
    const caller = callerFor(db, { user: org.owner, tenantSlug: org.tenant.slug, door, scopes, limiter });
    // What the members page asks for in one render.
    await Promise.all([caller.tenant.whoami(), caller.tenant.get(), caller.members.list({}), caller.invitations.list()]);
    return counts;
  }

  it("authenticates once per render and spends no API rate-limit allowance", async () => {
    expect(await render("page")).toEqual({ tenantTransactions: 1 + 4, limitChecks: 0 });
  });

  it("while an API door authenticates and is limited on every call", async () => {
    expect(await render("api")).toEqual({ tenantTransactions: 4 * 2, limitChecks: 4 });
  });

  it("still checks each procedure's permission against the one authentication", async () => {
    const org = await seedTenant(db);
    const viewer = await addMember(db, org, "viewer");
    const caller = callerFor(db, { user: viewer, tenantSlug: org.tenant.slug, door: "page" });
    expect((await caller.tenant.get()).id).toBe(org.tenant.id);
    await expect(caller.tenant.update({ name: "Not yours to rename" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
