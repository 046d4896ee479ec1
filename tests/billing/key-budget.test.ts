import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuotaExceededError, type QuotaDetails } from "@/server/errors";
import { budgetPeriod, quotaPeriod } from "@/server/billing/quota-period";
import { beginRun } from "@/server/runs/begin-run";
import { startRun } from "@/server/runs/start-run";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { failure } from "../support/failures";
import { addMember } from "../support/callers";
import { createAgent, seedRunsTenant, type Org } from "../runs/support";

/**
 * API key budgets together with the tenant's quota, at the boundary: the stricter wins, a budget
 * of N allows exactly N, under real concurrency on Postgres.
 */

describe("API key budgets", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 10 });
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  const count = async (query: string, params: unknown[]) => Number((await db.ownerSql(query, params))[0]!.n);
  const keyId = (org: Org) => (org.access.principal.type === "api_key" ? org.access.principal.keyId : "");
  const setTenantRuns = (org: Org, runs: number) =>
    db.ownerSql("update tenants set limit_overrides = ($2::text)::jsonb where id = $1", [
      org.tenant.id,
      JSON.stringify({ runsPerMonth: runs }),
    ]);
  const setBudget = (
    org: Org,
    budget: { runs?: number | null; tokens?: number | null; costMicros?: number | null; period?: "day" | "month" },
  ) =>
    org
      .as(org.owner)
      .apiKeys.setBudget({ id: keyId(org), budget: { runs: null, tokens: null, costMicros: null, period: "month", ...budget } });

  async function tenConcurrentRuns(org: Org, agentId: string) {
    const settled = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => beginRun(org.deps, org.access, { agentId, input: `hello ${i}`, stream: false })),
    );
    const refused = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
    expect(refused.every((e) => e instanceof QuotaExceededError)).toBe(true);
    return { admitted: settled.length - refused.length, details: refused.map((e) => (e as QuotaExceededError).details as QuotaDetails) };
  }

  it("a key budget of 3 under a tenant quota of 5: exactly 3 runs, then 402 with scope api_key", async () => {
    const org = await seedRunsTenant(db);
    const agent = await createAgent(org);
    await setTenantRuns(org, 5);
    await setBudget(org, { runs: 3 });
    const { admitted, details } = await tenConcurrentRuns(org, agent.id);
    expect(admitted).toBe(3);
    expect(details[0]).toEqual({
      metric: "runs",
      scope: "api_key",
      limit: 3,
      used: 3,
      resetsAt: quotaPeriod().end.toISOString(),
      upgradeUrl: `http://localhost:3000/t/${org.tenant.slug}/api-keys`,
    });
    expect(await count("select count(*) as n from runs where tenant_id = $1", [org.tenant.id])).toBe(3);
  }, 60_000);

  it("a tenant quota of 3 under a key budget of 5: exactly 3 runs, then 402 with scope tenant", async () => {
    const org = await seedRunsTenant(db);
    const agent = await createAgent(org);
    await setTenantRuns(org, 3);
    await setBudget(org, { runs: 5 });
    const { admitted, details } = await tenConcurrentRuns(org, agent.id);
    expect(admitted).toBe(3);
    expect(details.every((d) => d.scope === "tenant" && d.metric === "runs" && d.limit === 3 && d.used === 3)).toBe(true);
    expect(await count("select count(*) as n from runs where tenant_id = $1", [org.tenant.id])).toBe(3);
  }, 60_000);

  it("equal limits (3 and 3) allow exactly 3", async () => {
    const org = await seedRunsTenant(db);
    const agent = await createAgent(org);
    await setTenantRuns(org, 3);
    await setBudget(org, { runs: 3, period: "day" });
    expect((await tenConcurrentRuns(org, agent.id)).admitted).toBe(3);
  }, 60_000);

  it("a daily token budget refuses once the key's runs today used it; a cost budget of 0 allows nothing", async () => {
    const org = await seedRunsTenant(db);
    const agent = await createAgent(org);
    await setBudget(org, { tokens: 1, period: "day" });
    const run = await startRun(org.deps, org.access, { agentId: agent.id, input: "Hello there", stream: false });
    expect(run.inputTokens + run.outputTokens).toBeGreaterThan(0);
    const error = (await beginRun(org.deps, org.access, { agentId: agent.id, input: "again", stream: false }).catch(
      (e: unknown) => e,
    )) as QuotaExceededError;
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error.code).toBe("api_key_budget_exceeded");
    expect(error.details).toMatchObject({ metric: "tokens", scope: "api_key", limit: 1, resetsAt: budgetPeriod("day").end.toISOString() });

    await setBudget(org, { costMicros: 0 });
    const refused = await beginRun(org.deps, org.access, { agentId: agent.id, input: "again", stream: false }).catch((e: unknown) => e);
    expect((refused as QuotaExceededError).details).toMatchObject({ metric: "cost", limit: 0, used: 0 });
    // A person in the portal is not bound by a key's budget.
    await org.as(org.owner).runs.create({ id: agent.id, input: "from the playground" });
    expect(await count("select count(*) as n from runs where tenant_id = $1", [org.tenant.id])).toBe(2);
  }, 60_000);

  it("setBudget: audited as apikey.budget_set, shown on the key; owners and admins only", async () => {
    const org = await seedRunsTenant(db);
    const key = await setBudget(org, { runs: 100, tokens: 50_000, costMicros: 2_000_000, period: "day" });
    expect(key.budget).toEqual({ runs: 100, tokens: 50_000, costMicros: 2_000_000, period: "day" });
    const [audit] = await db.ownerSql("select action from audit_log where tenant_id = $1 and action = 'apikey.budget_set'", [
      org.tenant.id,
    ]);
    expect(audit).toBeTruthy();
    expect((await org.as(org.owner).apiKeys.get({ id: keyId(org) })).budget.runs).toBe(100);
    const developer = await addMember(db, org, "developer");
    const refused = await failure(
      org.as(developer).apiKeys.setBudget({ id: keyId(org), budget: { runs: 1, tokens: null, costMicros: null, period: "month" } }),
    );
    expect(refused.httpStatus).toBe(403);
    // Removing: nulls.
    expect((await setBudget(org, {})).budget).toEqual({ runs: null, tokens: null, costMicros: null, period: "month" });
  }, 60_000);

  it("refuses negative, fractional and absurd budgets with field paths, writing nothing", async () => {
    const org = await seedRunsTenant(db);
    const before = await db.ownerSql("select budget_runs, budget_tokens, budget_cost_micros from api_keys where id = $1", [keyId(org)]);
    const bad = await failure(
      org.as(org.owner).apiKeys.setBudget({ id: keyId(org), budget: { runs: -1, tokens: 1.5, costMicros: 1e13, period: "month" } }),
    );
    expect(bad.httpStatus).toBe(400);
    expect(Object.keys(bad.error.details!.fields as Record<string, string>).sort()).toEqual([
      "budget.costMicros",
      "budget.runs",
      "budget.tokens",
    ]);
    expect(await db.ownerSql("select budget_runs, budget_tokens, budget_cost_micros from api_keys where id = $1", [keyId(org)])).toEqual(
      before,
    );
    expect(await count("select count(*) as n from audit_log where tenant_id = $1 and action = 'apikey.budget_set'", [org.tenant.id])).toBe(
      0,
    );
    const create = await failure(
      org
        .as(org.owner)
        .apiKeys.create({ name: "bad", scopes: ["run:create"], budget: { runs: 2e9, tokens: null, costMicros: null, period: "month" } }),
    );
    expect(create.httpStatus).toBe(400);
    expect(Object.keys(create.error.details!.fields as Record<string, string>)).toEqual(["budget.runs"]);
    expect(await count("select count(*) as n from api_keys where tenant_id = $1", [org.tenant.id])).toBe(1);
  }, 60_000);

  it("a key created with a budget carries it, audited", async () => {
    const org = await seedRunsTenant(db);
    const created = await org.as(org.owner).apiKeys.create({
      name: "budgeted",
      scopes: ["run:create"],
      budget: { runs: 3, tokens: null, costMicros: 1_000_000, period: "month" },
    });
    expect(created.key.budget).toEqual({ runs: 3, tokens: null, costMicros: 1_000_000, period: "month" });
    expect(await count("select count(*) as n from audit_log where tenant_id = $1 and action = 'apikey.budget_set'", [org.tenant.id])).toBe(
      1,
    );
  }, 60_000);
  it("a creator without billing:manage sending a budget gets 403 and nothing is created; without a budget the key is made", async () => {
    const org = await seedRunsTenant(db);
    const developer = await addMember(db, org, "developer");
    const keysBefore = await count("select count(*) as n from api_keys where tenant_id = $1", [org.tenant.id]);
    const auditBefore = await count("select count(*) as n from audit_log where tenant_id = $1", [org.tenant.id]);
    const refused = await failure(
      org.as(developer).apiKeys.create({
        name: "capped by a developer",
        scopes: ["run:create"],
        budget: { runs: 3, tokens: null, costMicros: null, period: "month" },
      }),
    );
    expect(refused.httpStatus).toBe(403);
    expect(refused.error.code).toBe("budget_needs_billing_manage");
    expect(await count("select count(*) as n from api_keys where tenant_id = $1", [org.tenant.id])).toBe(keysBefore);
    expect(await count("select count(*) as n from audit_log where tenant_id = $1", [org.tenant.id])).toBe(auditBefore);
    // An all-null budget is still a budget being set: refused the same way, not silently dropped.
    const nulls = await failure(
      org.as(developer).apiKeys.create({ name: "nulls", scopes: ["run:create"], budget: { runs: null, tokens: null, costMicros: null } }),
    );
    expect(nulls.httpStatus).toBe(403);
    const plain = await org.as(developer).apiKeys.create({ name: "no budget", scopes: ["run:create"] });
    expect(plain.key.budget).toEqual({ runs: null, tokens: null, costMicros: null, period: "month" });
    expect(await count("select count(*) as n from audit_log where tenant_id = $1 and action = 'apikey.budget_set'", [org.tenant.id])).toBe(
      0,
    );
  }, 60_000);

  it("an admin (billing:manage) may create a key with a budget; bad figures with a good name are 400, nothing written", async () => {
    const org = await seedRunsTenant(db);
    const admin = await addMember(db, org, "admin");
    const keysBefore = await count("select count(*) as n from api_keys where tenant_id = $1", [org.tenant.id]);
    const bad = await failure(
      org.as(admin).apiKeys.create({
        name: "bad figures",
        scopes: ["run:create"],
        budget: { runs: -1, tokens: 1.5, costMicros: 1e13, period: "month" },
      }),
    );
    expect(bad.httpStatus).toBe(400);
    expect(Object.keys(bad.error.details!.fields as Record<string, string>).sort()).toEqual([
      "budget.costMicros",
      "budget.runs",
      "budget.tokens",
    ]);
    expect(await count("select count(*) as n from api_keys where tenant_id = $1", [org.tenant.id])).toBe(keysBefore);
    const made = await org.as(admin).apiKeys.create({
      name: "admin budgeted",
      scopes: ["run:create"],
      budget: { runs: null, tokens: 10_000, costMicros: null, period: "day" },
    });
    expect(made.key.budget).toEqual({ runs: null, tokens: 10_000, costMicros: null, period: "day" });
    const [audit] = await db.ownerSql("select target_id from audit_log where tenant_id = $1 and action = 'apikey.budget_set'", [
      org.tenant.id,
    ]);
    expect(audit!.target_id).toBe(made.key.id);
  }, 60_000);
});
