import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordQuotaNotices } from "@/server/billing/quota-notices";
import { quotaPeriod } from "@/server/billing/quota-period";
import { beginRun } from "@/server/runs/begin-run";
import { runInTenant } from "@/server/tenancy/tenant-context";
import { addMember, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { createAgent, seedRunsTenant, type Org } from "../runs/support";
import { txExec } from "../db/support/catalog";

/**
 * The soft warnings' in-app notice, on a real Postgres through real concurrency: crossing 80 % /
 * 100 % of a quota puts one notice in the bell of each member who may read billing (owners,
 * admins), once per metric, period and threshold; members without billing:read never see it, and
 * another tenant's members neither get nor can read it.
 */

describe("quota notices in the bell", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 10 });
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  const override = (org: Org, limits: Record<string, number | null>) =>
    db.ownerSql("update tenants set limit_overrides = ($2::text)::jsonb where id = $1", [org.tenant.id, JSON.stringify(limits)]);
  const quotaRows = (tenantId: string) =>
    db.ownerSql(
      "select recipient_id, detail from notifications where tenant_id = $1 and kind = 'quota' order by recipient_id, (detail->>'threshold')::int",
      [tenantId],
    );
  const run = (org: Org, agentId: string, i: number) => beginRun(org.deps, org.access, { agentId, input: `hello ${i}`, stream: false });

  async function orgWithRoles() {
    const org = await seedRunsTenant(db);
    const admin = await addMember(db, org, "admin");
    const developer = await addMember(db, org, "developer");
    const viewer = await addMember(db, org, "viewer");
    const agent = await createAgent(org);
    await override(org, { runsPerMonth: 10 });
    return { org, admin, developer, viewer, agent };
  }

  it("the 8th of 10 runs notifies the owner and the admin once each — not a developer or a viewer; later runs add no 80 % notice", async () => {
    const { org, admin, developer, viewer, agent } = await orgWithRoles();
    for (let i = 0; i < 7; i++) await run(org, agent.id, i);
    expect(await quotaRows(org.tenant.id)).toEqual([]);

    await run(org, agent.id, 7);
    const period = quotaPeriod(new Date());
    const detail = {
      metric: "runs",
      threshold: 80,
      limit: 10,
      used: 8,
      period: { start: period.start.toISOString(), end: period.end.toISOString() },
    };
    const rows = await quotaRows(org.tenant.id);
    expect(rows.map((r) => r.recipient_id).sort()).toEqual([org.owner.id, admin.id].sort());
    for (const r of rows) expect(r.detail).toEqual(detail);

    await run(org, agent.id, 8);
    expect(await quotaRows(org.tenant.id)).toHaveLength(2);
    // The same crossing reported again in the same period (a retried request): quota_notices holds it, no notice.
    const again = await runInTenant(org.deps, org.access, (ctx) =>
      recordQuotaNotices(ctx, { metric: "runs", before: 7, after: 8, limit: 10, period, thresholds: [80] }),
    );
    expect(again).toEqual([]);
    expect(await quotaRows(org.tenant.id)).toHaveLength(2);

    const bell = await org.as(org.owner).playbooks.notifications();
    expect(bell.unread).toBe(1);
    expect(bell.items).toEqual([expect.objectContaining({ kind: "quota", incidentId: null, incidentTitle: null, readAt: null, detail })]);
    expect((await org.as(admin).playbooks.notifications()).unread).toBe(1);
    for (const member of [developer, viewer]) expect(await org.as(member).playbooks.notifications()).toEqual({ unread: 0, items: [] });

    // The 10th run reaches 100 %: one more notice each.
    await run(org, agent.id, 9);
    const owners = (await quotaRows(org.tenant.id)).filter((r) => r.recipient_id === org.owner.id);
    expect(owners.map((r) => (r.detail as { threshold: number }).threshold)).toEqual([80, 100]);
  }, 60_000);

  it("10 concurrent runs crossing 80 % and 100 % leave exactly one notice per billing member and threshold", async () => {
    const { org, admin, agent } = await orgWithRoles();
    const settled = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => run(org, agent.id, i)));
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(10);
    const rows = await quotaRows(org.tenant.id);
    const byMember = (id: string) => rows.filter((r) => r.recipient_id === id).map((r) => (r.detail as { threshold: number }).threshold);
    expect(rows).toHaveLength(4);
    expect(byMember(org.owner.id)).toEqual([80, 100]);
    expect(byMember(admin.id)).toEqual([80, 100]);
  }, 60_000);

  it("10 transactions reporting the same crossing at once (no quota lock between them) notify each member once", async () => {
    const { org, admin } = await orgWithRoles();
    const period = quotaPeriod(new Date());
    const sent = await Promise.all(
      Array.from({ length: 10 }, () =>
        runInTenant(org.deps, org.access, (ctx) =>
          recordQuotaNotices(ctx, { metric: "tokens", before: 0, after: 900, limit: 1000, period, thresholds: [80] }),
        ),
      ),
    );
    expect(sent.filter((s) => s.length > 0)).toHaveLength(1);
    const rows = await quotaRows(org.tenant.id);
    expect(rows.map((r) => r.recipient_id).sort()).toEqual([org.owner.id, admin.id].sort());
  }, 60_000);

  it("a member who loses billing:read stops seeing (and marking) quota notices; getting it back shows them again", async () => {
    const { org, admin, agent } = await orgWithRoles();
    for (let i = 0; i < 8; i++) await run(org, agent.id, i);
    expect((await org.as(admin).playbooks.notifications()).unread).toBe(1);
    await org.as(org.owner).members.updateRole({ userId: admin.id, role: "developer" });
    expect(await org.as(admin).playbooks.notifications()).toEqual({ unread: 0, items: [] });
    expect(await org.as(admin).playbooks.markRead({})).toEqual({ marked: 0 });
    await org.as(org.owner).members.updateRole({ userId: admin.id, role: "admin" });
    const back = await org.as(admin).playbooks.notifications();
    expect(back.unread).toBe(1);
    expect(back.items[0]).toMatchObject({ kind: "quota", readAt: null });
    expect(await org.as(admin).playbooks.markRead({ id: back.items[0]!.id })).toEqual({ marked: 1 });
    expect((await org.as(admin).playbooks.notifications()).unread).toBe(0);
  }, 60_000);

  it("another tenant's members neither get nor can read the notice", async () => {
    const { org, agent } = await orgWithRoles();
    const other = await seedTenant(db);
    for (let i = 0; i < 8; i++) await run(org, agent.id, i);
    expect(await quotaRows(org.tenant.id)).toHaveLength(2);
    expect(await quotaRows(other.tenant.id)).toEqual([]);
    expect(await other.as(other.owner).playbooks.notifications()).toEqual({ unread: 0, items: [] });
    // Below the procedures: an unscoped read in the other tenant's scope sees none of them (RLS).
    const seen = await db.scopes.withTenant(other.tenant.id, (tx) => txExec(tx)(sql`select tenant_id from notifications`));
    expect(seen).toEqual([]);
    const own = await db.scopes.withTenant(org.tenant.id, (tx) => txExec(tx)(sql`select tenant_id from notifications`));
    expect(own.map((r) => r.tenant_id)).toEqual([org.tenant.id, org.tenant.id]);
  }, 60_000);
});
