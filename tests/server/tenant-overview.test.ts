import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/server/trpc/openapi";
import { createPgliteTestDatabase, type TestDatabase } from "../support/databases";
import { addMember, callerFor, seedTenant, uniqueEmail } from "../support/callers";

const DAY_MS = 86_400_000;

/** Midnight UTC, `daysBack` days before today, plus `hours`. */
function utcDay(daysBack: number, hours = 12) {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - daysBack * DAY_MS + hours * 3_600_000);
}

describe("tenant.overview", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  /**
   * Backdated activity, written as the owner straight into the table (the app only ever appends
   * "now"). The chain is not kept: the overview counts rows, it does not verify them.
   */
  let seq = 10_000;
  async function backdate(tenantId: string, at: Date, action = "member.invited") {
    await db.ownerSql(
      `insert into audit_log (id, tenant_id, seq, at, actor_type, action, prev_hash, hash) values ($1, $2, $3, $4::timestamptz, 'system', $5, $6, $6)`,
      [randomUUID(), tenantId, ++seq, at.toISOString(), action, "0".repeat(64)],
    );
  }

  it("counts members, active keys, pending invitations and the plan, and ticks off key use", async () => {
    const org = await seedTenant(db, "Owner", { planLimits: true });
    const asOwner = org.as(org.owner);
    const fresh = await asOwner.tenant.overview();
    expect(fresh).toMatchObject({ members: 1, activeApiKeys: 0, pendingInvitations: 0, apiKeyUsed: false });
    expect(fresh.plan).toMatchObject({ id: "free", name: "Free", limits: { seats: 5, apiKeyRequestsPerMinute: 120, runsPerMonth: 1000 } });

    const viewer = await addMember(db, org, "viewer");
    await asOwner.invitations.create({ email: uniqueEmail("pending"), role: "developer" });
    const stale = await asOwner.invitations.create({ email: uniqueEmail("stale"), role: "developer" });
    await db.ownerSql("update invitations set expires_at = now() - interval '1 hour' where id = $1", [stale.invitation.id]);
    const revoked = await asOwner.invitations.create({ email: uniqueEmail("revoked"), role: "viewer" });
    await asOwner.invitations.revoke({ id: revoked.invitation.id });

    const live = await asOwner.apiKeys.create({ name: "live", scopes: ["tenant:read"] });
    const gone = await asOwner.apiKeys.create({ name: "gone", scopes: ["tenant:read"] });
    await asOwner.apiKeys.revoke({ id: gone.key.id });
    const old = await asOwner.apiKeys.create({ name: "old", scopes: ["tenant:read"], expiresInDays: 1 });
    await db.ownerSql("update api_keys set expires_at = now() - interval '1 minute' where id = $1", [old.key.id]);

    const before = await org.as(viewer).tenant.overview();
    expect(before).toMatchObject({ members: 2, activeApiKeys: 1, pendingInvitations: 1, apiKeyUsed: false });

    // A program reads the overview with the live key: allowed by tenant:read, and now "used".
    const viaKey = await callerFor(db, { apiKey: live.secret }).tenant.overview();
    expect(viaKey).toMatchObject({ members: 2, activeApiKeys: 1, pendingInvitations: 1, apiKeyUsed: true });
  });

  it("gives 14 consecutive UTC days ending today, zero-filled, counting only this tenant", async () => {
    const a = await seedTenant(db);
    const b = await seedTenant(db);
    await addMember(db, a, "developer");
    await backdate(a.tenant.id, utcDay(3, 1));
    await backdate(a.tenant.id, utcDay(3, 23));
    await backdate(a.tenant.id, utcDay(13, 0));
    await backdate(a.tenant.id, utcDay(14, 23)); // the day before the window
    await backdate(b.tenant.id, utcDay(3));
    await backdate(b.tenant.id, utcDay(5));

    const { activity } = await a.as(a.owner).tenant.overview();
    expect(activity).toHaveLength(14);
    const dates = activity.map((d) => d.date);
    for (let i = 1; i < dates.length; i++) {
      expect(Date.parse(`${dates[i]}T00:00:00Z`) - Date.parse(`${dates[i - 1]}T00:00:00Z`)).toBe(DAY_MS);
    }
    const today = dates[13]!;
    // Today's entries are what the app wrote while seeding: the same rows audit.list shows.
    const listed = await a.as(a.owner).audit.list({ limit: 500 });
    const todays = listed.items.filter((e) => e.at.startsWith(today)).length;
    expect(todays).toBeGreaterThanOrEqual(3); // tenant.created, member.invited, invitation.accepted

    const expected = new Map([
      [today, todays],
      [utcDay(3).toISOString().slice(0, 10), 2],
      [utcDay(13).toISOString().slice(0, 10), 1],
    ]);
    for (const day of activity) expect(day.count, day.date).toBe(expected.get(day.date) ?? 0);
    expect(activity.filter((d) => d.count === 0)).toHaveLength(11);

    // B sees its own two backdated rows and its creation, none of A's.
    const other = await b.as(b.owner).tenant.overview();
    expect(other.activity.reduce((sum, d) => sum + d.count, 0)).toBe(3);
    expect(other.members).toBe(1);
  });

  it("is a REST endpoint with a described response", () => {
    const doc = openApiDocument("http://localhost:3000");
    const op = doc.paths?.["/tenant/overview"]?.get;
    expect(op?.operationId).toBe("tenant-overview");
  });
});
