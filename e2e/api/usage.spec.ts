/**
 * GET /api/v1/usage over real HTTP: the report's shape for each grouping, 400s that name the field
 * (in the caller's language), the scopes it needs, and a key that only ever sees its own tenant.
 */
import { expect, test } from "../support/fixtures";
import { seedAgent, seedUsage } from "../support/billing-seed";
import { bearer, expectError, expectOk } from "../support/http";

type Report = {
  from: string;
  to: string;
  groupBy: string;
  totals: { runs: number; inputTokens: number; outputTokens: number; modelCalls: number; toolCalls: number; costMicros: number };
  lines: {
    day?: string;
    agentId?: string;
    agentName?: string | null;
    provider?: string | null;
    model?: string | null;
    runs: number;
    costMicros: number;
  }[];
};

const day = (d: Date) => d.toISOString().slice(0, 10);

test("reports usage by day, agent and model, with totals, for the key's own organisation only", async ({ request, seed }) => {
  const a = await seed.tenantWithKey({ scopes: ["usage:read"] });
  const b = await seed.tenantWithKey({ scopes: ["usage:read"] });
  const agentA = await seedAgent(seed, a.tenant.id, "Agent A");
  const agentB = await seedAgent(seed, b.tenant.id, "Agent B");
  const yesterday = new Date(Date.UTC(2025, 5, 14, 10));
  const today = new Date(Date.UTC(2025, 5, 15, 9));
  await seedUsage(seed, a.tenant.id, [
    { agentId: agentA, inputTokens: 100, outputTokens: 10, costMicros: 1_000, at: yesterday },
    { agentId: agentA, inputTokens: 200, outputTokens: 20, costMicros: 2_000, model: "gpt-4o", at: today },
  ]);
  await seedUsage(seed, b.tenant.id, [{ agentId: agentB, inputTokens: 9_999, outputTokens: 1, costMicros: 777_777, at: today }]);
  const range = `from=${day(yesterday)}&to=${day(today)}`;

  const byDay = await expectOk<Report>(await request.get(`/api/v1/usage?${range}`, { headers: bearer(a.key.secret) }));
  expect(byDay).toMatchObject({ from: "2025-06-14", to: "2025-06-15", groupBy: "day" });
  expect(byDay.totals).toEqual({ runs: 2, inputTokens: 300, outputTokens: 30, modelCalls: 2, toolCalls: 0, costMicros: 3_000 });
  expect(byDay.lines.map((l) => [l.day, l.runs])).toEqual([
    ["2025-06-14", 1],
    ["2025-06-15", 1],
  ]);

  const byAgent = await expectOk<Report>(await request.get(`/api/v1/usage?${range}&groupBy=agent`, { headers: bearer(a.key.secret) }));
  expect(byAgent.lines).toEqual([expect.objectContaining({ agentId: agentA, agentName: "Agent A", runs: 2, costMicros: 3_000 })]);

  const byModel = await expectOk<Report>(await request.get(`/api/v1/usage?${range}&groupBy=model`, { headers: bearer(a.key.secret) }));
  expect(byModel.lines.map((l) => [l.model, l.runs])).toEqual([
    ["gpt-4o", 1],
    ["gpt-4o-mini", 1],
  ]);

  // B's key, same days: B's run only, never A's; a tenantId in the query changes nothing.
  const ofB = await expectOk<Report>(
    await request.get(`/api/v1/usage?${range}&groupBy=agent&tenantId=${a.tenant.id}`, { headers: bearer(b.key.secret) }),
  );
  expect(ofB.totals).toMatchObject({ runs: 1, inputTokens: 9_999, costMicros: 777_777 });
  expect(ofB.lines.map((l) => l.agentId)).toEqual([agentB]);
  expect(JSON.stringify(ofB)).not.toContain(agentA);

  // Defaults: this month so far.
  const current = await expectOk<Report>(await request.get("/api/v1/usage", { headers: bearer(a.key.secret) }));
  expect(current.from).toBe(`${day(new Date()).slice(0, 8)}01`);
  expect(current.to).toBe(day(new Date()));
});

test("refuses malformed, reversed and too-long ranges with 400 and the field, in the caller's language", async ({ request, seed }) => {
  const org = await seed.tenantWithKey({ scopes: ["usage:read"] });
  const get = (query: string, language = "en") =>
    request.get(`/api/v1/usage?${query}`, { headers: { ...bearer(org.key.secret), "accept-language": language } });
  type Fields = { fields?: Record<string, string> };

  const malformed = await expectError(await get("from=2025-13-01"), 400, "validation_failed");
  expect(Object.keys((malformed.error.details as Fields).fields ?? {})).toContain("from");
  const notADate = await expectError(await get("to=yesterday"), 400, "validation_failed");
  expect(Object.keys((notADate.error.details as Fields).fields ?? {})).toContain("to");
  const badGroup = await expectError(await get("groupBy=week"), 400, "validation_failed");
  expect(Object.keys((badGroup.error.details as Fields).fields ?? {})).toContain("groupBy");

  const reversed = await expectError(await get("from=2025-03-05&to=2025-03-04"), 400, "usage_range_reversed");
  expect((reversed.error.details as Fields).fields).toEqual({ to: reversed.error.message });
  const reversedZh = await expectError(await get("from=2025-03-05&to=2025-03-04", "zh-CN"), 400, "usage_range_reversed");
  expect(reversedZh.error.message).toBe("范围的第一天晚于最后一天。");
  expect((reversedZh.error.details as Fields).fields).toEqual({ to: "范围的第一天晚于最后一天。" });

  await expectError(await get("from=2024-01-01&to=2025-01-01"), 400, "usage_range_too_long");
  const year = await expectOk<{ lines: unknown[] }>(await get("from=2024-01-01&to=2024-12-31"));
  expect(year.lines).toHaveLength(366);
});

test("needs usage:read: a key without it is refused, a developer's key with it reads (a viewer cannot hold it: tests/usage/usage-api.test.ts)", async ({
  request,
  seed,
}) => {
  const without = await seed.tenantWithKey({ scopes: ["tenant:read"] });
  await expectError(await request.get("/api/v1/usage", { headers: bearer(without.key.secret) }), 403);
  const developer = await seed.tenantWithKey({ role: "developer", scopes: ["usage:read"] });
  await expectOk(await request.get("/api/v1/usage", { headers: bearer(developer.key.secret) }));
});
