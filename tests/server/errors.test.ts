import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scopes } from "@/db/scope";
import { createPgliteTestDatabase, type TestDatabase } from "../support/databases";
import { callerFor, seedTenant, seedUser, uniqueSlug } from "../support/callers";
import { countRows, failure, issuePaths } from "../support/failures";

/** The same database, with one scope replaced: how we make a dependency fail unexpectedly. */
function withBrokenScopes(db: TestDatabase, broken: Partial<Scopes>): TestDatabase {
  return { ...db, scopes: { ...db.scopes, ...broken } };
}

describe("error envelope", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("reports zod input errors as validation_failed with every field path", async () => {
    const user = await seedUser(db);
    const f = await failure(callerFor(db, { user }).account.createTenant({ name: "x", slug: "y".repeat(41) }));
    expect(f).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
    expect(f.error).toMatchObject({ code: "validation_failed", message: "The input is not valid." });
    expect(issuePaths(f).sort()).toEqual(["name", "slug"]);
    expect(f.error.details).toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: "name", message: "At least 2 characters", code: "too_small" })]),
      fields: { name: "At least 2 characters", slug: "At most 40 characters" },
    });
  });

  it("names nested paths and wrong types", async () => {
    const org = await seedTenant(db);
    const nested = await failure(org.as(org.owner).apiKeys.create({ name: "k", scopes: ["tenant:read", 5 as unknown as string] }));
    expect(issuePaths(nested)).toContain("scopes.1");
    const types = await failure(
      org.as(org.owner).apiKeys.create({ name: 42 as unknown as string, scopes: ["tenant:read"], expiresInDays: 1.5 }),
    );
    expect(issuePaths(types).sort()).toEqual(["expiresInDays", "name"]);
    const body = await failure(org.as(org.owner).apiKeys.create(undefined as never));
    expect(body.error.code).toBe("validation_failed");
    expect(Object.keys(body.error.details!.fields as object)).toEqual(["(body)"]);
    const uuid = await failure(org.as(org.owner).apiKeys.get({ id: "not-a-uuid" }));
    expect(issuePaths(uuid)).toEqual(["id"]);
  });

  it("carries domain errors' own code, message and details", async () => {
    const org = await seedTenant(db);
    const f = await failure(callerFor(db, { user: await seedUser(db) }).account.createTenant({ name: "Dup", slug: org.tenant.slug }));
    expect(f.error).toEqual({
      code: "slug_taken",
      message: `The slug "${org.tenant.slug}" is taken; choose another.`,
      details: { field: "slug" },
    });
    expect(f.shape).toMatchObject({ message: f.error.message, data: { code: "CONFLICT", httpStatus: 409 } });
  });

  it("answers missing authentication and tenant context clearly", async () => {
    const user = await seedUser(db);
    expect((await failure(callerFor(db).account.me())).error.code).toBe("unauthorized");
    expect(await failure(callerFor(db).tenant.get())).toMatchObject({
      code: "UNAUTHORIZED",
      httpStatus: 401,
      error: { code: "unauthorized" },
    });
    const noTenant = await failure(callerFor(db, { user }).tenant.get());
    expect(noTenant).toMatchObject({ code: "BAD_REQUEST", error: { code: "tenant_required" } });
    const stranger = await seedTenant(db);
    const foreign = await failure(callerFor(db, { user, tenantSlug: stranger.tenant.slug }).tenant.get());
    const missing = await failure(callerFor(db, { user, tenantSlug: uniqueSlug("ghost") }).tenant.get());
    expect(foreign).toMatchObject({ code: "NOT_FOUND", httpStatus: 404 });
    expect(foreign.error).toEqual(missing.error);
  });

  it("turns unexpected errors into internal_error without leaking message or stack", async () => {
    const user = await seedUser(db);
    const leaky = "connection to 10.0.0.5 failed: password authentication failed for user agentry_secret";
    const broken = withBrokenScopes(db, {
      withUser: async () => {
        throw new Error(leaky);
      },
    });
    const f = await failure(callerFor(broken, { user }).account.tenants(), "req-internal-0001");
    expect(f).toMatchObject({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500 });
    expect(f.error.code).toBe("internal_error");
    expect(f.error.message).toContain("req-internal-0001");
    expect(f.error.details).toEqual({ requestId: "req-internal-0001" });
    const wire = JSON.stringify(f.shape);
    for (const secret of ["10.0.0.5", "agentry_secret", "password authentication", "at async", "stack", "withUser"]) {
      expect(wire).not.toContain(secret);
    }
    expect(Object.keys(f.shape).sort()).toEqual(["code", "data", "message"]);
    expect(Object.keys(f.shape.data as object).sort()).toEqual(["code", "error", "httpStatus", "path"]);
  });

  it("does not leak SQL from a failing query", async () => {
    const scratch = await createPgliteTestDatabase();
    try {
      const org = await seedTenant(scratch);
      await scratch.ownerSql("alter table api_keys rename column scopes to scopes_gone");
      const f = await failure(org.as(org.owner).apiKeys.list({}), "req-sql-00000001");
      expect(f.error.code).toBe("internal_error");
      const wire = JSON.stringify(f.shape);
      for (const secret of ["scopes", "select", "api_keys", "column", org.tenant.id]) expect(wire).not.toContain(secret);
    } finally {
      await scratch.drop();
    }
  });

  it("maps a unique violation no verb anticipated to a generic 409", async () => {
    const org = await seedTenant(db);
    const duplicate = Object.assign(new Error('duplicate key value violates unique constraint "users_email_key"'), {
      code: "23505",
      constraint: "users_email_key",
    });
    const broken = withBrokenScopes(db, {
      withTenant: async () => {
        throw duplicate;
      },
    });
    const f = await failure(callerFor(broken, { user: org.owner, tenantSlug: org.tenant.slug }).tenant.get());
    expect(f).toMatchObject({ code: "CONFLICT", httpStatus: 409, error: { code: "conflict" } });
    expect(JSON.stringify(f.shape)).not.toContain("users_email_key");
  });

  it("answers text the database cannot store (NUL) with 400, not 500, and writes nothing", async () => {
    const org = await seedTenant(db);
    const before = await countRows(db, "audit_log");
    const calls = [
      callerFor(db, { user: org.owner }).account.createTenant({ name: "Bad\u0000Name", slug: uniqueSlug() }),
      org.as(org.owner).apiKeys.create({ name: "key\u0000", scopes: ["tenant:read"] }),
      org.as(org.owner).tenant.update({ name: "Renamed\u0000" }),
      org.as(org.owner).audit.list({ action: "tenant\u0000" }),
    ];
    const codes = [];
    for (const call of calls) {
      const result = await failure(call);
      expect(result).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
      codes.push(result.error.code);
    }
    // Names are refused by their validator (with the field path); other text by the database mapping.
    expect(codes).toEqual(["validation_failed", "validation_failed", "validation_failed", "invalid_characters"]);
    expect(await countRows(db, "audit_log")).toBe(before);
    expect((await org.as(org.owner).tenant.get()).name).toBe(org.tenant.name);
  });
});
