import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { meterUsage } from "@/inngest/functions/meter-usage";
import { stripeEvent } from "@/inngest/functions/stripe-event";
import { appendEvents } from "@/server/events/append-event";
import { seedFreeTenant, startStripeWorld, upgrade, type StripeWorld } from "./stripe-support";

const port = await vi.hoisted(async () => (await import("../support/fake-stripe-wire")).pointStripeAtFreeLoopbackPort());

/**
 * Metered usage to Stripe: `usage.recorded` events (through the outbox and the in-process driver,
 * batched per tenant) become meter_reports rows and Stripe meter events, each run's tokens once.
 */
describe("Stripe metered usage", () => {
  let world: StripeWorld;
  beforeAll(async () => {
    world = await startStripeWorld(port, [stripeEvent, meterUsage]);
  }, 120_000);
  afterAll(async () => world?.stop());

  const record = (tenantId: string, runId: string, inputTokens: number, outputTokens: number) =>
    world.engine.db.scopes.withTenant(tenantId, (tx) =>
      appendEvents(tx, [
        {
          tenantId,
          type: "usage.recorded",
          payload: {
            runId,
            agentId: randomUUID(),
            apiKeyId: null,
            provider: "openai",
            model: "gpt",
            inputTokens,
            outputTokens,
            modelCalls: 1,
            toolCalls: 0,
            costMicros: 10,
          },
          actor: { type: "system", id: "test" },
          meta: null,
        },
      ]),
    );
  const sentFor = (customer: string) =>
    world.fake.store.meterEvents.filter((e) => (e.payload as Record<string, string>).stripe_customer_id === customer);
  const reports = (tenantId: string) =>
    world.engine.db.ownerSql(
      `select identifier, value::int as value, reported_at, attempts, last_error from meter_reports where tenant_id = $1 order by identifier`,
      [tenantId],
    );

  it("reports a paying tenant's runs once each, however often their usage is delivered; a Free tenant reports nothing", async () => {
    const paying = await seedFreeTenant(world);
    const { subscription } = await upgrade(world, paying);
    const free = await seedFreeTenant(world);
    const [a, b] = [randomUUID(), randomUUID()];
    await record(paying.tenant.id, a, 100, 20);
    await record(paying.tenant.id, b, 50, 0);
    await record(paying.tenant.id, a, 100, 20); // the same run's usage delivered again
    await record(free.tenant.id, randomUUID(), 500, 500);
    await world.engine.drain({ advanceMs: 30_000 });
    const sent = sentFor(String(subscription.customer));
    expect(sent.map((e) => [e.identifier, (e.payload as Record<string, string>).value]).sort()).toEqual(
      [
        [`${paying.tenant.id}:${a}`, "120"],
        [`${paying.tenant.id}:${b}`, "50"],
      ].sort(),
    );
    expect(sent.every((e) => e.event_name === "agentry_tokens")).toBe(true);
    expect((await reports(paying.tenant.id)).every((r) => r.reported_at !== null)).toBe(true);
    expect(await reports(free.tenant.id)).toEqual([]);

    // Redelivered after it was reported: nothing new is sent.
    await record(paying.tenant.id, b, 50, 0);
    await world.engine.drain({ advanceMs: 30_000 });
    expect(sentFor(String(subscription.customer))).toHaveLength(2);
  });

  it("a failed report keeps the row unreported, and the retry reports it once", async () => {
    const paying = await seedFreeTenant(world);
    const { subscription } = await upgrade(world, paying);
    // The SDK retries a 500 twice itself: three failures make the step fail and Inngest retry it.
    world.fake.failNext("/v1/billing/meter_events", 3);
    const run = randomUUID();
    await record(paying.tenant.id, run, 7, 3);
    await world.engine.drain({ advanceMs: 11_000 });
    const rows = await reports(paying.tenant.id);
    expect(rows).toHaveLength(1);
    if (rows[0]!.reported_at === null) {
      expect(rows[0]).toMatchObject({ attempts: 1, last_error: expect.stringContaining("told to fail") });
      await world.engine.drain({ advanceMs: 120_000 });
    }
    const [row] = await reports(paying.tenant.id);
    expect(row).toMatchObject({ value: 10, attempts: 2, last_error: null });
    expect(row!.reported_at).not.toBeNull();
    expect(sentFor(String(subscription.customer)).map((e) => e.identifier)).toEqual([`${paying.tenant.id}:${run}`]);
  }, 90_000);
});
