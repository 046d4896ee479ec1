import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usageRollup } from "@/inngest/functions/usage-rollup";
import { appendEvents } from "@/server/events/append-event";
import { readUsage } from "@/server/usage/read-usage";
import { callerFor } from "../support/callers";
import { startFakeOpenAI, type FakeOpenAI } from "../support/fake-openai-server";
import { startTestEngine, type TestEngine } from "../support/inngest-engine";
import { createAgent, installTestKeyring, openAIAgent, removeTestKeyring, seedRunsTenant, type Org } from "../runs/support";

/**
 * End to end through the in-process driver: real runs (an OpenAI-compatible agent on a local fake
 * that reports token usage, and a local-provider agent) write their `usage.recorded` events in the
 * outbox; the dispatcher hands them to the driver, which batches them per tenant and runs the
 * roll-up; the roll-up rows then hold exactly the runs' own figures, and read-usage agrees.
 */

const HOUR = 3_600_000;

describe("usage roll-up through the in-process driver", () => {
  let engine: TestEngine;
  let fake: FakeOpenAI;
  let org: Org;
  let other: Org;

  beforeAll(async () => {
    engine = await startTestEngine({ functions: [usageRollup] });
    installTestKeyring();
    let calls = 0;
    fake = await startFakeOpenAI({ script: () => ({ text: "Here you are.", usage: { input: 100 + ++calls, output: 7 * calls } }) });
    org = await seedRunsTenant(engine.db);
    other = await seedRunsTenant(engine.db);
  }, 120_000);
  afterAll(async () => {
    removeTestKeyring();
    await fake?.close();
    await engine?.stop();
  });

  const runAs = (o: Org, agentId: string, input: string) => callerFor(engine.db, { apiKey: o.key }).runs.create({ id: agentId, input });

  it("rolls the runs' tokens up, per agent and model, once each, and tenants apart", async () => {
    const { agent: gpt } = await openAIAgent(org, fake.url);
    const local = await createAgent(org, { template: "customer-service", name: "Helpdesk" });
    const { agent: otherGpt } = await openAIAgent(other, fake.url);
    const started = Date.now();
    const results = [
      await runAs(org, gpt.id, "Hello"),
      await runAs(org, gpt.id, "Hello again"),
      await runAs(org, local.id, "What is your returns policy?"),
      await runAs(other, otherGpt.id, "Hi from elsewhere"),
    ];
    expect(results.map((r) => r.status)).toEqual(["completed", "completed", "completed", "completed"]);

    // The batch waits up to 5 s for more events: the fake clock lets that time pass at once.
    await engine.drain({ advanceMs: 10_000 });
    const runs = await engine.runsOf("usage-rollup");
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.every((r) => r.status === "completed")).toBe(true);

    const expected = await engine.db.ownerSql(
      `select tenant_id, agent_id, coalesce(provider, '') as provider, coalesce(model, '') as model, count(*)::int as runs,
              sum(input_tokens)::int as input_tokens, sum(output_tokens)::int as output_tokens, sum(cost_micros)::int as cost_micros
       from runs group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
    );
    const rolled = await engine.db.ownerSql(
      `select tenant_id, agent_id, provider, model, sum(runs)::int as runs, sum(input_tokens)::int as input_tokens,
              sum(output_tokens)::int as output_tokens, sum(cost_micros)::int as cost_micros
       from usage_hourly group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
    );
    expect(expected.length).toBe(3);
    expect(expected.filter((r) => r.agent_id === gpt.id)[0]).toMatchObject({ runs: 2, input_tokens: 101 + 102, output_tokens: 7 + 14 });
    expect(rolled).toEqual(expected);
    const daily = await engine.db.ownerSql(
      `select tenant_id, agent_id, provider, model, sum(runs)::int as runs, sum(input_tokens)::int as input_tokens,
              sum(output_tokens)::int as output_tokens, sum(cost_micros)::int as cost_micros
       from usage_daily group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
    );
    expect(daily).toEqual(expected);

    // The same events dispatched again (the outbox row's delivery lost): the driver takes the id as idempotency key.
    await engine.db.ownerSql("update events set delivered_at = null where type = 'usage.recorded'");
    await engine.drain({ advanceMs: 10_000 });
    // A replayed copy of a run's usage event (new event id, same run) reaches the roll-up itself, which counts it not.
    const [original] = await engine.db.ownerSql("select payload from events where type = 'usage.recorded' and tenant_id = $1 limit 1", [
      org.tenant.id,
    ]);
    await engine.db.scopes.withTenant(org.tenant.id, (tx) =>
      appendEvents(tx, [
        {
          tenantId: org.tenant.id,
          type: "usage.recorded",
          payload: original!.payload,
          actor: { type: "system", id: "replay" },
          meta: null,
        },
      ]),
    );
    await engine.drain({ advanceMs: 10_000 });
    const after = await engine.runsOf("usage-rollup");
    expect(after.length).toBe(runs.length + 1);
    expect(after.at(-1)!.output).toEqual([{ tenantId: org.tenant.id, counted: 0, duplicates: 1, ignored: 0 }]);
    expect(await engine.db.ownerSql(`select count(*)::int as n from usage_counted`)).toEqual([{ n: 4 }]);
    expect(
      await engine.db.ownerSql(
        `select tenant_id, agent_id, provider, model, sum(runs)::int as runs, sum(input_tokens)::int as input_tokens,
                sum(output_tokens)::int as output_tokens, sum(cost_micros)::int as cost_micros
         from usage_hourly group by 1, 2, 3, 4 order by 1, 2, 3, 4`,
      ),
    ).toEqual(expected);

    // read-usage over the hours around the runs: all from the roll-ups now, nothing pending.
    const from = new Date(Math.floor(started / HOUR) * HOUR - HOUR);
    const to = new Date(Math.ceil(Date.now() / HOUR) * HOUR + HOUR);
    const usage = await engine.db.scopes.withTenant(org.tenant.id, (tx) => readUsage({ tx, tenant: { id: org.tenant.id } }, { from, to }));
    const ofOrg = expected.filter((r) => r.tenant_id === org.tenant.id);
    expect(usage.pendingRuns).toBe(0);
    expect(usage.totals).toMatchObject({
      runs: 3,
      inputTokens: ofOrg.reduce((a, r) => a + Number(r.input_tokens), 0),
      outputTokens: ofOrg.reduce((a, r) => a + Number(r.output_tokens), 0),
    });
  });
});
