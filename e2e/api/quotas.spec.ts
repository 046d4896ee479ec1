/**
 * Quotas over real HTTP with an API key against `next start` on a real Postgres: 50 run requests
 * at once against a runs quota of 10 leave exactly 10 runs and 40 × 402 whose body says which
 * limit, how much is used, when it resets and where to upgrade; an agent over the agents quota
 * and an absurd key budget are refused with nothing written.
 */
import { expect, test } from "../support/fixtures";
import { bearer, expectError, expectOk } from "../support/http";

const nextMonth = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
};

test("50 concurrent runs against a runs quota of 10: exactly 10 runs, 40 × 402 with limit, used, resetsAt and upgradeUrl", async ({
  request,
  seed,
  seedTenantWithKey,
}) => {
  const org = await seedTenantWithKey({ scopes: ["*"] });
  const headers = { ...bearer(org.key.secret), "content-type": "application/json" };
  const agent = await expectOk<{ id: string }>(
    await request.post("/api/v1/agents", { headers, data: JSON.stringify({ name: "Quota test" }) }),
  );
  // Low quota, high rate limits: the quota is what refuses, not the rate limiter.
  await seed.ownerSql("update tenants set limit_overrides = ($2::text)::jsonb where id = $1", [
    org.tenant.id,
    JSON.stringify({ runsPerMonth: 10, agents: 1, apiKeyRequestsPerMinute: 10_000, tenantRequestsPerMinute: 10_000 }),
  ]);
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      request.post(`/api/v1/agents/${agent.id}/runs`, { headers, data: JSON.stringify({ input: `What is ${i} + 1?` }) }),
    ),
  );
  const statuses = responses.map((r) => r.status());
  expect(statuses.filter((s) => s === 200 || s === 201)).toHaveLength(10);
  expect(statuses.filter((s) => s === 402)).toHaveLength(40);
  const refused = responses.find((r) => r.status() === 402)!;
  const body = await expectError(refused, 402, "quota_exceeded");
  expect(body.error.details).toEqual({
    metric: "runs",
    scope: "tenant",
    limit: 10,
    used: 10,
    resetsAt: nextMonth(),
    upgradeUrl: expect.stringMatching(new RegExp(`^https?://[^/]+/t/${org.slug}/billing$`)),
  });
  expect(body.error.message).toMatch(/limit of 10 runs/);
  const [runs] = await seed.ownerSql("select count(*)::int as n from runs where tenant_id = $1", [org.tenant.id]);
  expect(runs!.n).toBe(10);

  // The agents quota (1, reached): 402, and no agent written.
  const agentRefused = await expectError(
    await request.post("/api/v1/agents", { headers, data: JSON.stringify({ name: "One too many" }) }),
    402,
  );
  expect(agentRefused.error.details).toMatchObject({ metric: "agents", limit: 1, used: 1, resetsAt: null });
  const [agents] = await seed.ownerSql("select count(*)::int as n from agents where tenant_id = $1", [org.tenant.id]);
  expect(agents!.n).toBe(1);
});

test("a key budget: absurd values are 400 with field paths and nothing written; a budget of 2 allows exactly 2 (402 scope api_key)", async ({
  request,
  seed,
  seedTenantWithKey,
}) => {
  const org = await seedTenantWithKey({ scopes: ["*"] });
  const headers = { ...bearer(org.key.secret), "content-type": "application/json" };
  const put = (budget: unknown) => request.put(`/api/v1/api-keys/${org.key.id}/budget`, { headers, data: JSON.stringify({ budget }) });
  const bad = await expectError(await put({ runs: -1, tokens: 2.5, costMicros: 1e13 }), 400);
  expect(Object.keys(bad.error.details!.fields as object).sort()).toEqual(["budget.costMicros", "budget.runs", "budget.tokens"]);
  const [unchanged] = await seed.ownerSql("select budget_runs, budget_tokens, budget_cost_micros from api_keys where id = $1", [
    org.key.id,
  ]);
  expect(unchanged).toEqual({ budget_runs: null, budget_tokens: null, budget_cost_micros: null });

  const key = await expectOk<{ budget: unknown }>(await put({ runs: 2, period: "day" }));
  expect(key.budget).toEqual({ runs: 2, tokens: null, costMicros: null, period: "day" });
  const agent = await expectOk<{ id: string }>(
    await request.post("/api/v1/agents", { headers, data: JSON.stringify({ name: "Budget test" }) }),
  );
  const run = () => request.post(`/api/v1/agents/${agent.id}/runs`, { headers, data: JSON.stringify({ input: "Hello" }) });
  expect((await run()).ok()).toBe(true);
  expect((await run()).ok()).toBe(true);
  const over = await expectError(await run(), 402, "api_key_budget_exceeded");
  expect(over.error.details).toMatchObject({ metric: "runs", scope: "api_key", limit: 2, used: 2 });
  expect(over.error.details!.upgradeUrl).toMatch(new RegExp(`/t/${org.slug}/api-keys$`));
});
