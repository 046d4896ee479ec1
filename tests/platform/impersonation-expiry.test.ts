import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { impersonationExpiry } from "@/inngest/functions/impersonation-expiry";
import { expireImpersonations } from "@/server/platform/expire-impersonations";
import { domainContext, seedTenant, type SeededUser } from "../support/callers";
import type { TestDatabase } from "../support/databases";
import { closeUsageDatabase, openUsageDatabase, runOnce } from "../usage/support";
import { consoleAs, seedOperator, tenantAudit } from "./support";

/**
 * An impersonation nobody ended: when its 15 minutes run out, the expiry sweep (a cron function,
 * run here by @inngest/test on a real Postgres) records its end in the tenant's log and the
 * platform log — exactly once, however often the sweep runs, when two sweeps race, or when the
 * operator presses "End now" afterwards.
 */
describe("impersonation expiry", () => {
  let db: TestDatabase;
  let operator: SeededUser;
  beforeAll(async () => {
    db = await openUsageDatabase();
    operator = await seedOperator(db);
  }, 60_000);
  afterAll(async () => {
    await closeUsageDatabase(db);
  });

  const tick = () => runOnce(impersonationExpiry, [{ name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" } }]);
  const expire = (id: string) => db.ownerSql("update impersonations set expires_at = now() - interval '1 minute' where id = $1", [id]);
  const platformRowsNaming = async (id: string) =>
    db.ownerSql("select actor_type, actor_id, reason from platform_audit_log where reason like $1", [`%impersonation ${id}%`]);

  it("declares a five-minute cron, one run at a time", () => {
    const opts = impersonationExpiry["opts"] as { triggers?: unknown; concurrency?: unknown };
    expect(opts.triggers).toEqual([{ cron: "*/5 * * * *" }]);
    expect(opts.concurrency).toEqual({ limit: 1 });
  });

  it("records an expired impersonation's end once in both logs, and leaves active and ended ones alone", async () => {
    const expiring = await seedTenant(db);
    const active = await seedTenant(db);
    const lapsed = await consoleAs(db, operator).impersonate({ tenantId: expiring.tenant.id, reason: "ticket 301: forgotten tab" });
    const live = await consoleAs(db, operator).impersonate({ tenantId: active.tenant.id, reason: "ticket 302: still looking" });
    await expire(lapsed.id);
    const [lapsedRow] = await db.ownerSql("select expires_at from impersonations where id = $1", [lapsed.id]);
    const expiresAt = new Date(lapsedRow!.expires_at as Date).toISOString();

    expect(await tick()).toEqual({ ended: [lapsed.id] });
    const ended = await tenantAudit(db, expiring.tenant.id, "impersonation.ended");
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({
      actor_type: "system",
      actor_id: "impersonation-expiry",
      target_id: expiring.tenant.id,
      diff: { impersonationId: lapsed.id, startedAt: lapsed.startedAt, endedAt: expiresAt, expired: true },
    });
    expect(await platformRowsNaming(lapsed.id)).toEqual([
      expect.objectContaining({ actor_type: "system", actor_id: "impersonation-expiry", reason: expect.stringContaining("expired") }),
    ]);
    const [row] = await db.ownerSql("select ended_at, expires_at from impersonations where id = $1", [lapsed.id]);
    expect(row!.ended_at).toEqual(row!.expires_at);

    // The sweep again, and the operator's late "End now": nothing more in either log.
    expect(await tick()).toEqual({ ended: [] });
    await consoleAs(db, operator).endImpersonation({ impersonationId: lapsed.id });
    expect(await tenantAudit(db, expiring.tenant.id, "impersonation.ended")).toHaveLength(1);
    expect((await platformRowsNaming(lapsed.id)).filter((r) => String(r.reason).includes("expired"))).toHaveLength(1);

    // The active one is untouched: still open, nothing recorded.
    const [still] = await db.ownerSql("select ended_at from impersonations where id = $1", [live.id]);
    expect(still!.ended_at).toBeNull();
    expect(await tenantAudit(db, active.tenant.id, "impersonation.ended")).toEqual([]);
  });

  it("records it once when two sweeps race", async () => {
    const org = await seedTenant(db);
    const lapsed = await consoleAs(db, operator).impersonate({ tenantId: org.tenant.id, reason: "ticket 303: racing sweeps" });
    await expire(lapsed.id);
    const [a, b] = await Promise.all([expireImpersonations(domainContext(db)), expireImpersonations(domainContext(db))]);
    expect([...a.ended, ...b.ended]).toEqual([lapsed.id]);
    expect(await tenantAudit(db, org.tenant.id, "impersonation.ended")).toHaveLength(1);
    expect(await platformRowsNaming(lapsed.id)).toHaveLength(1);
  });

  it("writes no platform-log row for a sweep that found nothing, and says how many when it found some", async () => {
    const sweepRows = async () =>
      (await db.ownerSql("select reason from platform_audit_log where reason like 'impersonations: find expired%' order by at, id")).map(
        (r) => String(r.reason),
      );
    const before = await sweepRows();
    expect(await tick()).toEqual({ ended: [] });
    expect(await tick()).toEqual({ ended: [] });
    expect(await sweepRows()).toEqual(before);

    const org = await seedTenant(db);
    const lapsed = await consoleAs(db, operator).impersonate({ tenantId: org.tenant.id, reason: "ticket 304: quiet sweeps" });
    await expire(lapsed.id);
    expect(await tick()).toEqual({ ended: [lapsed.id] });
    const after = await sweepRows();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toContain("(1 found)");
  });
});
