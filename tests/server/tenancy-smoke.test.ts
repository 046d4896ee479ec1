import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPgliteTestDatabase, type TestDatabase } from "../support/databases";
import { addMember, callerFor, seedTenant } from "../support/callers";

describe("tenancy smoke", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("creates an org, invites a developer, mints a key that works over the same procedures", async () => {
    const seeded = await seedTenant(db);
    const dev = await addMember(db, seeded, "developer");
    const members = await seeded.as(seeded.owner).members.list({});
    expect(members.items.map((m) => m.role)).toEqual(["owner", "developer"]);
    const { secret } = await seeded.as(dev).apiKeys.create({ name: "ci", scopes: ["apikey:read", "tenant:read"] });
    const asKey = callerFor(db, { apiKey: secret });
    const me = await asKey.tenant.whoami();
    expect(me).toMatchObject({ type: "api_key", role: "developer" });
    expect(me.permissions.sort()).toEqual(["apikey:read", "tenant:read"]);
    await expect(asKey.members.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const audit = await seeded.as(seeded.owner).audit.list({});
    expect(audit.items.map((e) => e.action)).toEqual(["apikey.created", "invitation.accepted", "member.invited", "tenant.created"]);
    const verdict = await seeded.as(seeded.owner).audit.verify();
    expect(verdict).toMatchObject({ ok: true, checked: 4 });
  });
});
