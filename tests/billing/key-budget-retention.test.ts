import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuotaExceededError } from "@/server/errors";
import { beginRun } from "@/server/runs/begin-run";
import { startRun } from "@/server/runs/start-run";
import { purgeTenant } from "@/server/retention/purge-tenant";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { createAgent, seedRunsTenant, type Org } from "../runs/support";

/**
 * Key budgets against the retention purge: budgets are counted from `runs`, and a plan may retain
 * less than a calendar month (Free: 30 days; a month has up to 31). Runs the purge deletes within
 * the current month must keep counting, or a key could overspend after a purge. The purge is
 * called with a cutoff of "now" (a retention shorter than the month so far), since no real plan's
 * 30 days reach back past the 1st before the 31st.
 */

describe("key budgets survive the retention purge", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 10 });
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  const keyId = (org: Org) => (org.access.principal.type === "api_key" ? org.access.principal.keyId : "");
  const setBudget = (org: Org, budget: { runs?: number | null; tokens?: number | null }) =>
    org
      .as(org.owner)
      .apiKeys.setBudget({ id: keyId(org), budget: { runs: null, tokens: null, costMicros: null, period: "month", ...budget } });
  const purge = (org: Org) =>
    db.scopes.withPlatform("test: purge with a short retention", { type: "system", id: "test" }, (tx) =>
      purgeTenant(
        tx,
        { tenantId: org.tenant.id, retentionDays: 1, cutoff: new Date(Date.now() + 1_000).toISOString() },
        { requestId: "test-key-budget-retention", ip: null, userAgent: null },
      ),
    );
  const refusal = (org: Org, agentId: string) =>
    beginRun(org.deps, org.access, { agentId, input: "one more", stream: false }).then(
      () => null,
      (e: unknown) => e,
    );

  it("a key at its run and token budgets is still refused after the purge deleted the runs that spent them", async () => {
    const org = await seedRunsTenant(db);
    const agent = await createAgent(org);
    await setBudget(org, { runs: 2 });
    const first = await startRun(org.deps, org.access, { agentId: agent.id, input: "Hello there", stream: false });
    const second = await startRun(org.deps, org.access, { agentId: agent.id, input: "Hello again", stream: false });
    const tokens = first.inputTokens + first.outputTokens + second.inputTokens + second.outputTokens;
    expect(tokens).toBeGreaterThan(0);
    // Made this month, long enough ago to be past a short retention (the 1st, 00:00 UTC, is never in the future).
    await db.ownerSql("update runs set created_at = date_trunc('month', now(), 'UTC') where tenant_id = $1", [org.tenant.id]);
    // A run of last month: purged without leaving figures (no budget period reaches it).
    await db.ownerSql(
      `insert into runs (tenant_id, agent_id, agent_version, status, input, actor_type, api_key_id, input_tokens, created_at)
       select tenant_id, agent_id, agent_version, 'completed', 'x', actor_type, api_key_id, 500, date_trunc('month', now(), 'UTC') - interval '1 day'
       from runs where id = $1`,
      [first.id],
    );
    expect(await refusal(org, agent.id)).toBeInstanceOf(QuotaExceededError);

    const result = await purge(org);
    expect(result.deleted.runs).toBe(3);
    expect(await db.ownerSql("select count(*)::int as n from runs where tenant_id = $1", [org.tenant.id])).toEqual([{ n: 0 }]);
    expect(
      await db.ownerSql("select api_key_id, runs::int, tokens::int from key_usage_purged where tenant_id = $1", [org.tenant.id]),
    ).toEqual([{ api_key_id: keyId(org), runs: 2, tokens }]);

    const runs = (await refusal(org, agent.id)) as QuotaExceededError;
    expect(runs).toBeInstanceOf(QuotaExceededError);
    expect(runs.details).toMatchObject({ metric: "runs", scope: "api_key", limit: 2, used: 2 });

    await setBudget(org, { tokens });
    const spent = (await refusal(org, agent.id)) as QuotaExceededError;
    expect(spent.details).toMatchObject({ metric: "tokens", scope: "api_key", limit: tokens, used: tokens });
    // One token more of budget: the key is let in again (the figures are exact, not an over-count).
    await setBudget(org, { tokens: tokens + 1 });
    expect(await refusal(org, agent.id)).toBeNull();
  }, 60_000);

  it("the app role cannot change the figures; last month's figures are purged in turn", async () => {
    const org = await seedRunsTenant(db);
    await db.ownerSql(
      `insert into key_usage_purged (tenant_id, api_key_id, day, runs) values
       ($1, $2, date_trunc('month', now(), 'UTC') - interval '1 day', 7), ($1, $2, date_trunc('month', now(), 'UTC'), 1)`,
      [org.tenant.id, keyId(org)],
    );
    const refused = await db.scopes
      .withTenant(org.tenant.id, (tx) => tx.execute("delete from key_usage_purged"))
      .then(
        () => null,
        (e: unknown) => (e as { cause?: unknown }).cause,
      );
    expect(String(refused)).toMatch(/permission denied/);
    const result = await purge(org);
    expect(result.deleted.keyUsagePurged).toBe(1);
    expect(await db.ownerSql("select runs::int from key_usage_purged where tenant_id = $1", [org.tenant.id])).toEqual([{ runs: 1 }]);
  }, 60_000);
});
