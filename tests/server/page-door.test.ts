import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scopes } from "@/db/scope";
import type { RateLimiter } from "@/server/ratelimit";
import { MemoryRateLimiter } from "@/server/ratelimit/memory-limiter";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
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
    withPlatformSweep: (reason, actor, fn) => db.scopes.withPlatformSweep(reason, actor, fn),
    withEngine: (fn) => db.scopes.withEngine(fn),
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
    db = await createPostgresTestDatabase({ max: 4 });
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

  it("authenticates once per render, runs what it starts together in one transaction, and spends no API allowance", async () => {
    expect(await render("page")).toEqual({ tenantTransactions: 1 + 1, limitChecks: 0 });
  });

  it("keeps one failing procedure of a render from spoiling the others in its transaction", async () => {
    const org = await seedTenant(db);
    const caller = callerFor(db, { user: org.owner, tenantSlug: org.tenant.slug, door: "page" });
    const [tenant, missing, members] = await Promise.allSettled([
      caller.tenant.get(),
      caller.members.get({ userId: "00000000-0000-4000-8000-000000000001" }),
      caller.members.list({}),
    ]);
    expect(tenant).toMatchObject({ status: "fulfilled", value: { id: org.tenant.id } });
    expect(missing).toMatchObject({ status: "rejected", reason: { code: "NOT_FOUND" } });
    expect(members).toMatchObject({ status: "fulfilled", value: { items: [expect.objectContaining({ userId: org.owner.id })] } });
    // A later call in the same render (another component) gets a transaction of its own.
    expect((await caller.tenant.whoami()).id).toBe(org.owner.id);
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
