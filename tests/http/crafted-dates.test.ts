import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "@/server/pagination";
import { parseAuditSearchWithProblems } from "@/server/audit/audit-search-params";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { seedTenant } from "../support/callers";
import { failure } from "../support/failures";

/**
 * Crafted dates used to reach PostgreSQL (which refuses year 0, years before 4713 BC and, as
 * text, years past 9999) and come back as 500s. Against a real Postgres: each is now a 400 that
 * says what is allowed, and the audit page's parser names what it ignored.
 */
describe("dates from the outside are bounded before the database", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 2 });
  });
  afterAll(async () => {
    await db.drop();
  });

  const HOSTILE_DATES = [
    "0000-01-01",
    "-000001-01-01T00:00:00Z",
    "-271821-04-20T00:00:00Z",
    "+275760-09-13T00:00:00Z",
    "+010000-01-01T00:00:00Z",
    "1899-12-31",
  ];

  it.each(HOSTILE_DATES)("audit.list refuses from=%s with a 400 naming the field", async (value) => {
    const org = await seedTenant(db);
    for (const field of ["from", "to"] as const) {
      const f = await failure(org.as(org.owner).audit.list({ [field]: value as unknown as Date, limit: 5 }));
      expect(f).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400, error: { code: "validation_failed" } });
      expect(JSON.stringify(f.error.details)).toContain("between 2000-01-01 and 9999-12-31");
    }
  });

  it("audit.list still answers for dates inside the bounds", async () => {
    const org = await seedTenant(db);
    const page = await org
      .as(org.owner)
      .audit.list({ from: "2000-01-01" as unknown as Date, to: "9999-12-31T23:59:59Z" as unknown as Date, limit: 5 });
    expect(page.items.map((i) => i.action)).toContain("tenant.created");
  });

  it("a forged keyset cursor with an impossible date is a 400 invalid_cursor", async () => {
    const org = await seedTenant(db);
    const forged = [
      encodeCursor(["-271821-04-20T00:00:00.000Z", org.owner.id]),
      encodeCursor(["0000-01-01T00:00:00.000Z", org.owner.id]),
      encodeCursor([new Date(8.64e15).toISOString(), org.owner.id]),
      encodeCursor(["2026-01-01T00:00:00.000Z"]),
      encodeCursor(["2026-01-01T00:00:00.000Z", "not-a-uuid"]),
      Buffer.from("not json").toString("base64url"),
    ];
    // (The console's tenants list pages by offset now, since it sorts by computed figures.)
    for (const cursor of forged) {
      for (const call of [() => org.as(org.owner).apiKeys.list({ cursor })]) {
        const f = await failure(call());
        expect(f).toMatchObject({ httpStatus: 400, error: { code: "invalid_cursor" } });
      }
    }
  });
});

describe("the audit page's filters", () => {
  it.each([
    [{ from: "2026-13-45" }, { from: "invalid_date" }],
    [{ to: "2026-02-30" }, { to: "invalid_date" }],
    [
      { from: "0000-01-01", to: "99999-01-01" },
      { from: "invalid_date", to: "invalid_date" },
    ],
    [{ from: "1999-12-31" }, { from: "invalid_date" }],
    [{ from: "2026-03-10", to: "2026-03-01" }, { range: "reversed" }],
    [{ from: "2026-03-01", to: "2026-03-01" }, {}],
  ])("%j → problems %j", (params, problems) => {
    const parsed = parseAuditSearchWithProblems(params);
    expect(parsed.problems).toEqual(problems);
    // What is ignored is not passed on to the query.
    if ("from" in problems) expect(parsed.search.from).toBeUndefined();
  });
});
