import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "@/server/ratelimit/memory-limiter";
import { limitSessionRequest } from "@/server/ratelimit/session-limits";
import { CREATE_TENANT_PER_MINUTE, MAX_OWNED_ORGANISATIONS } from "@/server/tenancy/create-tenant";
import { createPgliteTestDatabase, type TestDatabase } from "../support/databases";
import { callerFor, seedUser, uniqueSlug } from "../support/callers";
import { failure } from "../support/failures";

/** Throttles on what a signed-in person can do beyond sign-in (sign-in itself: tests/server/auth.test.ts). */
describe("creating organisations", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  const ownedBy = async (userId: string) =>
    Number((await db.ownerSql("select count(*)::int as n from memberships where user_id = $1 and role = 'owner'", [userId]))[0]!.n);

  it(`allows ${CREATE_TENANT_PER_MINUTE} a minute per account, then answers 429 and creates nothing`, async () => {
    const user = await seedUser(db);
    const limiter = new MemoryRateLimiter();
    const caller = callerFor(db, { user, limiter });
    for (let i = 0; i < CREATE_TENANT_PER_MINUTE; i++) await caller.account.createTenant({ name: `Org ${i}`, slug: uniqueSlug() });
    const f = await failure(caller.account.createTenant({ name: "One too many", slug: uniqueSlug() }));
    expect(f).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      httpStatus: 429,
      error: { code: "rate_limited", details: { scope: "create_tenant", limit: CREATE_TENANT_PER_MINUTE } },
    });
    expect(await ownedBy(user.id)).toBe(CREATE_TENANT_PER_MINUTE);
    // Another account is not affected.
    const other = await seedUser(db);
    await callerFor(db, { user: other, limiter }).account.createTenant({ name: "Other", slug: uniqueSlug() });
  });

  it(`caps the organisations one account owns at ${MAX_OWNED_ORGANISATIONS} (409 organisation_limit); deleting one frees a place`, async () => {
    const user = await seedUser(db);
    // A fresh limiter per call: this is about the cap, not the rate.
    const as = () => callerFor(db, { user });
    const slugs: string[] = [];
    for (let i = 0; i < MAX_OWNED_ORGANISATIONS; i++) {
      const slug = uniqueSlug();
      slugs.push(slug);
      await as().account.createTenant({ name: `Org ${i}`, slug });
    }
    const f = await failure(as().account.createTenant({ name: "Eleventh", slug: uniqueSlug() }));
    expect(f).toMatchObject({
      code: "CONFLICT",
      httpStatus: 409,
      error: { code: "organisation_limit", details: { limit: MAX_OWNED_ORGANISATIONS, owned: MAX_OWNED_ORGANISATIONS } },
    });
    expect(f.error.message).toContain(`the most one account may own (${MAX_OWNED_ORGANISATIONS})`);
    expect(await ownedBy(user.id)).toBe(MAX_OWNED_ORGANISATIONS);

    await callerFor(db, { user, tenantSlug: slugs[0] }).tenant.delete({ confirmSlug: slugs[0]! });
    await as().account.createTenant({ name: "After deleting one", slug: uniqueSlug() });
  });
});

describe("session requests through the API doors", () => {
  it("are limited per account and per address, reporting the tightest in RateLimit-*", async () => {
    const limiter = new MemoryRateLimiter();
    const limits = { perUser: 3, perIp: 5 };
    const headers = new Headers();
    for (let i = 0; i < 3; i++) await limitSessionRequest(limiter, headers, { userId: "u1", ip: "203.0.113.9" }, limits);
    expect(headers.get("RateLimit-Remaining")).toBe("0");
    await expect(limitSessionRequest(limiter, headers, { userId: "u1", ip: "203.0.113.9" }, limits)).rejects.toMatchObject({
      code: "rate_limited",
      details: { scope: "user", limit: 3 },
    });
    expect(headers.get("Retry-After")).toMatch(/^\d+$/);

    // A second account from the same address: its own allowance, until the address is spent.
    await limitSessionRequest(limiter, new Headers(), { userId: "u2", ip: "203.0.113.9" }, limits);
    await expect(limitSessionRequest(limiter, new Headers(), { userId: "u3", ip: "203.0.113.9" }, limits)).rejects.toMatchObject({
      details: { scope: "ip", limit: 5 },
    });
    // Unknown address (an in-process caller): only the account limit applies.
    await limitSessionRequest(limiter, new Headers(), { userId: "u4", ip: null }, limits);
  });
});
