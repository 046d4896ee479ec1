import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, seedTenant, type SeededUser } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { failure, issuePaths } from "../support/failures";
import { consoleAs, platformAudit, seedOperator, tenantAudit } from "./support";

/**
 * The console's verbs on a real PostgreSQL: each action lands in the platform audit log AND the
 * tenant's own log (actor: platform), bad input is a 400 naming the field with nothing written,
 * and a suspension closes every door of the tenant at once (key and session) until reactivated.
 */
let db: TestDatabase;
let operator: SeededUser;
const rid = (label: string) => `req-${label}-${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  db = await createPostgresTestDatabase({ max: 8 });
  operator = await seedOperator(db);
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

describe("suspend and reactivate", () => {
  it("closes every door with 403 tenant_suspended at once, keeps the data, and reopens them", async () => {
    const org = await seedTenant(db, "Owner", { planLimits: true });
    const owner = org.as(org.owner);
    const agent = await owner.agents.create({ template: "customer-service", name: "Support" });
    const { secret } = await owner.apiKeys.create({ name: "ci", scopes: ["agent:read"] });
    const byKey = callerFor(db, { apiKey: secret });
    expect((await byKey.agents.list({})).items).toHaveLength(1);

    const requestId = rid("suspend");
    const done = await consoleAs(db, operator, requestId).suspend({ tenantId: org.tenant.id, reason: "ticket 12: unpaid abuse" });
    expect(done.status).toBe("suspended");

    // The next request, through each door, is refused with the clear code (no cache to wait out).
    for (const call of [() => byKey.agents.list({}), () => owner.agents.list({}), () => owner.tenant.get()]) {
      expect(await failure(call())).toMatchObject({ httpStatus: 403, error: { code: "tenant_suspended" } });
    }
    const [row] = await db.ownerSql("select status, suspended_at, suspended_reason from tenants where id = $1", [org.tenant.id]);
    expect(row).toMatchObject({ status: "suspended", suspended_reason: "ticket 12: unpaid abuse" });
    expect(row!.suspended_at).toBeInstanceOf(Date);
    // Data kept.
    expect(await db.ownerSql("select id from agents where tenant_id = $1", [org.tenant.id])).toEqual([{ id: agent.id }]);

    // Both logs: the platform one (who, why, same request) and the tenant's own, by the platform actor.
    const platform = await platformAudit(db, requestId);
    expect(platform).toHaveLength(1);
    expect(platform[0]).toMatchObject({ actor_type: "user", actor_id: operator.id });
    expect(String(platform[0]!.reason)).toContain("ticket 12: unpaid abuse");
    const [audit] = await tenantAudit(db, org.tenant.id, "tenant.suspended");
    expect(audit).toMatchObject({ actor_type: "platform", actor_id: operator.id, request_id: requestId, target_id: org.tenant.id });
    expect(audit!.personal).toEqual({ reason: "ticket 12: unpaid abuse" });
    // And its outbox event, like every recorded change.
    expect(await db.ownerSql("select 1 from events where tenant_id = $1 and type = 'tenant.suspended'", [org.tenant.id])).toHaveLength(1);

    // Twice is a conflict, nothing written.
    expect(await failure(consoleAs(db, operator).suspend({ tenantId: org.tenant.id, reason: "again" }))).toMatchObject({
      httpStatus: 409,
      error: { code: "already_suspended" },
    });
    expect(await tenantAudit(db, org.tenant.id, "tenant.suspended")).toHaveLength(1);

    await consoleAs(db, operator, rid("reactivate")).reactivate({ tenantId: org.tenant.id, reason: "paid up" });
    expect((await byKey.agents.list({})).items).toHaveLength(1);
    expect((await owner.tenant.get()).slug).toBe(org.tenant.slug);
    const [reactivated] = await tenantAudit(db, org.tenant.id, "tenant.reactivated");
    expect(reactivated).toMatchObject({ actor_type: "platform", actor_id: operator.id });
    expect(await db.ownerSql("select suspended_at, suspended_reason from tenants where id = $1", [org.tenant.id])).toEqual([
      { suspended_at: null, suspended_reason: null },
    ]);
  });

  it("needs a reason, and answers 404 for an unknown organisation", async () => {
    const org = await seedTenant(db, "Owner", { planLimits: true });
    const f = await failure(consoleAs(db, operator).suspend({ tenantId: org.tenant.id, reason: " " }));
    expect(f.httpStatus).toBe(400);
    expect(issuePaths(f)).toContain("reason");
    expect(
      await failure(consoleAs(db, operator).suspend({ tenantId: "00000000-0000-4000-8000-000000000001", reason: "nope nope" })),
    ).toMatchObject({ httpStatus: 404 });
    expect(await db.ownerSql("select status from tenants where id = $1", [org.tenant.id])).toEqual([{ status: "active" }]);
  });
});

describe("limit overrides", () => {
  it("are stored, apply to the effective limits, and are audited in both logs", async () => {
    const org = await seedTenant(db, "Owner", { planLimits: true });
    const requestId = rid("overrides");
    await consoleAs(db, operator, requestId).setOverrides({
      tenantId: org.tenant.id,
      reason: "pilot customer",
      overrides: { runsPerMonth: 5000, tokensPerMonth: null, seats: 12 },
    });
    const [row] = await db.ownerSql("select limit_overrides from tenants where id = $1", [org.tenant.id]);
    expect(row!.limit_overrides).toEqual({ runsPerMonth: 5000, tokensPerMonth: null, seats: 12 });
    const detail = await consoleAs(db, operator).tenant({ tenantId: org.tenant.id });
    expect(detail.effectiveLimits).toMatchObject({ runsPerMonth: 5000, tokensPerMonth: null, seats: 12 });
    expect(detail.quotas.find((q) => q.metric === "runs")).toMatchObject({ limit: 5000, used: 0 });
    expect(detail.quotas.find((q) => q.metric === "tokens")).toMatchObject({ limit: null });
    expect(detail.quotas.find((q) => q.metric === "seats")).toMatchObject({ limit: 12, used: 1 });

    const [audit] = await tenantAudit(db, org.tenant.id, "tenant.limits_overridden");
    expect(audit).toMatchObject({ actor_type: "platform", actor_id: operator.id });
    expect(audit!.diff).toMatchObject({ before: {}, after: { runsPerMonth: 5000, tokensPerMonth: null, seats: 12 } });
    expect(await platformAudit(db, requestId)).toHaveLength(1);

    // Clearing them all: back to the plan's values.
    await consoleAs(db, operator).setOverrides({ tenantId: org.tenant.id, reason: "pilot over", overrides: {} });
    const after = await consoleAs(db, operator).tenant({ tenantId: org.tenant.id });
    expect(after.effectiveLimits).toEqual(after.planLimits);
  });

  it.each([
    [{ runsPerMonth: -1 }, "overrides.runsPerMonth"],
    [{ tokensPerMonth: 1.5 }, "overrides.tokensPerMonth"],
    [{ agents: 1e13 }, "overrides.agents"],
    [{ retentionDays: null }, "overrides.retentionDays"],
    [{ tenantRequestsPerMinute: 0 }, "overrides.tenantRequestsPerMinute"],
    [{ seats: "10" }, "overrides.seats"],
    [{ bogus: 1 }, "overrides"],
  ])("refuses %j with a 400 naming %s, writing nothing", async (overrides, path) => {
    const org = await seedTenant(db, "Owner", { planLimits: true });
    const requestId = rid("bad-overrides");
    const f = await failure(
      consoleAs(db, operator, requestId).setOverrides({ tenantId: org.tenant.id, reason: "bad input", overrides } as never),
    );
    expect(f.httpStatus).toBe(400);
    expect(issuePaths(f)).toContain(path);
    expect(await db.ownerSql("select limit_overrides from tenants where id = $1", [org.tenant.id])).toEqual([{ limit_overrides: {} }]);
    expect(await tenantAudit(db, org.tenant.id, "tenant.limits_overridden")).toEqual([]);
    expect(await platformAudit(db, requestId)).toEqual([]);
  });
});

describe("assigning a plan", () => {
  it("changes the plan without Stripe, audited as billing.plan_assigned in both logs", async () => {
    const org = await seedTenant(db, "Owner", { planLimits: true });
    const requestId = rid("plan");
    expect(
      await consoleAs(db, operator, requestId).assignPlan({ tenantId: org.tenant.id, planId: "pro", reason: "contract 2026-11" }),
    ).toEqual({
      planId: "pro",
    });
    expect(await db.ownerSql("select plan_id from tenants where id = $1", [org.tenant.id])).toEqual([{ plan_id: "pro" }]);
    const [audit] = await tenantAudit(db, org.tenant.id, "billing.plan_assigned");
    expect(audit).toMatchObject({ actor_type: "platform", diff: { plan: { from: "free", to: "pro" } } });
    expect(await platformAudit(db, requestId)).toHaveLength(1);

    // The list now counts its MRR (active, paid plan).
    const list = await consoleAs(db, operator).tenants({ q: org.tenant.slug });
    expect(list.items).toEqual([expect.objectContaining({ id: org.tenant.id, planId: "pro", mrrCents: 4900, members: 1 })]);

    expect(await failure(consoleAs(db, operator).assignPlan({ tenantId: org.tenant.id, planId: "pro", reason: "again" }))).toMatchObject({
      httpStatus: 409,
      error: { code: "plan_unchanged" },
    });
    expect(await failure(consoleAs(db, operator).assignPlan({ tenantId: org.tenant.id, planId: "gold", reason: "no such" }))).toMatchObject(
      {
        httpStatus: 400,
        error: { code: "plan_not_found" },
      },
    );
    // Suspended: no MRR.
    await consoleAs(db, operator).suspend({ tenantId: org.tenant.id, reason: "checking MRR" });
    expect((await consoleAs(db, operator).tenants({ q: org.tenant.slug })).items[0]).toMatchObject({ mrrCents: 0, status: "suspended" });
  });
});

describe("the console's doors", () => {
  it("answers 404 to anyone but an operator: signed out, an organisation's owner, an API key", async () => {
    const org = await seedTenant(db, "Owner", { planLimits: true });
    const { secret } = await org.as(org.owner).apiKeys.create({ name: "k", scopes: ["*"] });
    const callers = [callerFor(db), callerFor(db, { user: org.owner }), callerFor(db, { apiKey: secret })];
    for (const c of callers) {
      for (const call of [
        () => c.admin.tenants({}),
        () => c.admin.figures(),
        () => c.admin.tenant({ tenantId: org.tenant.id }),
        () => c.admin.suspend({ tenantId: org.tenant.id, reason: "not allowed" }),
        () => c.admin.setOverrides({ tenantId: org.tenant.id, reason: "not allowed", overrides: { runsPerMonth: 1 } }),
        () => c.admin.impersonate({ tenantId: org.tenant.id, reason: "not allowed at all" }),
      ]) {
        expect((await failure(call())).httpStatus).toBe(404);
      }
    }
    expect(await db.ownerSql("select status, limit_overrides from tenants where id = $1", [org.tenant.id])).toEqual([
      { status: "active", limit_overrides: {} },
    ]);
  });

  it("lists, searches and sorts with stable pages", async () => {
    const tag = randomBytes(3).toString("hex");
    const made = [];
    for (const name of ["Cherry", "apple", "Banana"]) {
      const o = await seedTenant(db);
      await db.ownerSql("update tenants set name = $1 where id = $2", [`${name} ${tag}`, o.tenant.id]);
      made.push(o);
    }
    const c = consoleAs(db, operator);
    const byName = await c.tenants({ q: tag, sort: "name", dir: "asc" });
    expect(byName.items.map((t) => t.name)).toEqual([`apple ${tag}`, `Banana ${tag}`, `Cherry ${tag}`]);
    expect(byName.total).toBe(3);
    const pages = [1, 2, 3].map((page) => c.tenants({ q: tag, sort: "name", dir: "desc", limit: 1, page }));
    expect((await Promise.all(pages)).map((p) => p.items[0]!.name)).toEqual([`Cherry ${tag}`, `Banana ${tag}`, `apple ${tag}`]);
    expect((await c.tenants({ q: tag, limit: 1, page: 9 })).items).toEqual([]);
    // A LIKE wildcard is text, not a pattern.
    expect((await c.tenants({ q: `%${tag}` })).items).toEqual([]);
    const figures = await c.figures();
    expect(figures.tenants.total).toBeGreaterThanOrEqual(3);
    expect(figures.daily).toHaveLength(30);
  });
});

describe("usage and figures", () => {
  it("counts this period's usage from the roll-ups plus the not-yet-rolled tail, and sorts by it", async () => {
    const tag = randomBytes(3).toString("hex");
    const busy = await seedTenant(db);
    const quiet = await seedTenant(db);
    for (const o of [busy, quiet])
      await db.ownerSql("update tenants set name = $1 where id = $2", [`Usage ${tag} ${o.tenant.slug}`, o.tenant.id]);
    const agentId = "00000000-0000-4000-8000-00000000a9e1";
    const now = new Date();
    const thisHour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    // Today's hour (hourly roll-up), and last month (outside the period: not counted).
    await db.ownerSql(
      "insert into usage_hourly (tenant_id, bucket_start, agent_id, runs, input_tokens, output_tokens) values ($1, $2, $3, 3, 100, 50)",
      [busy.tenant.id, thisHour, agentId],
    );
    await db.ownerSql(
      "insert into usage_daily (tenant_id, bucket_start, agent_id, runs, input_tokens, output_tokens) values ($1, $2, $3, 40, 9000, 9000)",
      [busy.tenant.id, lastMonth, agentId],
    );
    // The tail: a usage event the roll-up has not folded in yet.
    await db.ownerSql(
      `insert into events (id, tenant_id, type, payload, actor_type, correlation_id, occurred_at)
       values ($1, $2, 'usage.recorded', $3, 'system', 'c-usage', now())`,
      [
        `01TESTUSAGE${randomBytes(6).toString("hex").toUpperCase()}`.slice(0, 26),
        busy.tenant.id,
        { runId: "00000000-0000-4000-8000-0000000000f1", agentId, inputTokens: 7, outputTokens: 3 },
      ],
    );

    const list = await consoleAs(db, operator).tenants({ q: `Usage ${tag}`, sort: "usage", dir: "desc" });
    expect(list.items.map((t) => t.id)).toEqual([busy.tenant.id, quiet.tenant.id]);
    expect(list.items[0]).toMatchObject({ runs: 4, tokens: 160 });
    expect(list.items[1]).toMatchObject({ runs: 0, tokens: 0 });
    // Last activity: the newest event (here the usage event, just now).
    expect(Date.now() - Date.parse(list.items[0]!.lastActivityAt!)).toBeLessThan(60_000);

    const figures = await consoleAs(db, operator).figures();
    expect(figures.daily.at(-1)!.runs).toBeGreaterThanOrEqual(3);
    // The usage event above was never delivered: the outbox counts it.
    expect(figures.pipeline.undelivered).toBeGreaterThanOrEqual(1);
    expect(figures.pipeline.oldestUndeliveredAgeSeconds).not.toBeNull();
  });
});
