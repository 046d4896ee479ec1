import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { meterUsage } from "@/inngest/functions/meter-usage";
import { stripeEvent, stripeSweep } from "@/inngest/functions/stripe-event";
import { now } from "../support/fake-stripe-wire";
import { runOnce } from "../usage/support";
import {
  auditActions,
  seedFreeTenant,
  startStripeWorld,
  stripeEventRow,
  subscriptionRow,
  upgrade,
  type StripeWorld,
} from "./stripe-support";

const port = await vi.hoisted(async () => (await import("../support/fake-stripe-wire")).pointStripeAtFreeLoopbackPort());

/**
 * The Stripe functions one at a time, by @inngest/test (no engine between them): real Postgres,
 * the app's real webhook route recording what the fake Stripe server (over HTTP) sends, and the
 * Stripe SDK talking to that server. The end-to-end journeys are in stripe-*.test.ts; these pin
 * what each function does with a given trigger, and that doing it twice changes nothing more.
 */
describe("Stripe functions under @inngest/test", () => {
  let world: StripeWorld;
  beforeAll(async () => {
    // The driver runs stripe-event only to set tenants up (upgrade); the cases below run functions themselves.
    world = await startStripeWorld(port, [stripeEvent]);
  }, 120_000);
  afterAll(async () => world?.stop());

  /** What the webhook route hands over through the outbox for a recorded Stripe event. */
  const handOver = (tenantId: string, stripeEventId: string, type: string) => ({
    name: "billing.stripe_event_received",
    id: randomUUID(),
    data: {
      tenantId,
      correlationId: randomUUID(),
      causationId: null,
      traceId: null,
      actor: { type: "system", id: null },
      payload: { stripeEventId, type },
    },
  });
  const tick = [{ name: "inngest/scheduled.timer", data: { cron: "*/5 * * * *" } }];
  const age = (stripeEventId: string, minutes: number) =>
    world.engine.db.ownerSql(`update stripe_events set received_at = now() - make_interval(mins => $2) where id = $1`, [
      stripeEventId,
      minutes,
    ]);

  it("stripe-event applies a recorded invoice.payment_failed once; a second delivery applies nothing again", async () => {
    const seeded = await seedFreeTenant(world);
    const { invoice } = await upgrade(world, seeded);
    // Recorded by the route, not applied: nothing drains the engine here.
    const failed = await world.fake.sendEvent(
      "invoice.payment_failed",
      { ...invoice, id: "in_fn_1", status: "open" },
      { created: now() + 5 },
    );
    const id = String(failed.event.id);
    expect(await stripeEventRow(world, id)).toMatchObject({ processed_at: null });

    const trigger = [handOver(seeded.tenant.id, id, "invoice.payment_failed")];
    expect(await runOnce(stripeEvent, trigger)).toEqual({ stripeEventId: id, outcome: "applied" });
    expect(await stripeEventRow(world, id)).toMatchObject({ outcome: "applied", concerns_tenant_id: seeded.tenant.id });
    expect(await subscriptionRow(world, seeded.tenant.id)).toMatchObject({ status: "past_due" });
    const audited = await auditActions(world, seeded.tenant.id);
    expect(audited.filter((a) => a.action === "billing.payment_failed")).toEqual([
      expect.objectContaining({ actor_type: "system", actor_id: "stripe-billing" }),
    ]);

    expect(await runOnce(stripeEvent, trigger)).toEqual({ stripeEventId: id, outcome: "applied" });
    expect(await auditActions(world, seeded.tenant.id)).toEqual(audited);
    // An id nobody recorded is reported missing, and changes nothing.
    expect(await runOnce(stripeEvent, [handOver(seeded.tenant.id, "evt_never_recorded", "invoice.paid")])).toEqual({
      stripeEventId: "evt_never_recorded",
      outcome: "missing",
    });
  });

  it("stripe-sweep applies unprocessed events older than five minutes, leaves younger ones, and never re-applies a processed one", async () => {
    const seeded = await seedFreeTenant(world);
    const { invoice } = await upgrade(world, seeded);
    const processedBefore = await world.engine.db.ownerSql(
      `select id, processed_at from stripe_events where concerns_tenant_id = $1 and processed_at is not null`,
      [seeded.tenant.id],
    );
    expect(processedBefore.length).toBeGreaterThan(0);
    for (const row of processedBefore) await age(String(row.id), 30);

    const t = now();
    const stale = await world.fake.sendEvent(
      "invoice.payment_failed",
      { ...invoice, id: "in_sweep_old", status: "open" },
      { created: t + 5 },
    );
    const fresh = await world.fake.sendEvent(
      "invoice.paid",
      { ...invoice, id: "in_sweep_new", status: "paid", amount_paid: Number(invoice.amount_due) },
      { created: t + 10 },
    );
    await age(String(stale.event.id), 6);
    const auditBefore = await auditActions(world, seeded.tenant.id);

    const result = (await runOnce(stripeSweep, tick)) as { swept: Record<string, string>; downgraded: string[] };
    expect(result.swept[String(stale.event.id)]).toBe("applied");
    expect(result.swept).not.toHaveProperty(String(fresh.event.id));
    for (const row of processedBefore) expect(result.swept).not.toHaveProperty(String(row.id));
    expect(await stripeEventRow(world, String(stale.event.id))).toMatchObject({ outcome: "applied" });
    expect(await stripeEventRow(world, String(fresh.event.id))).toMatchObject({ processed_at: null });
    // Processed rows keep their processing time: they were not applied a second time.
    for (const row of processedBefore) {
      expect((await stripeEventRow(world, String(row.id)))!.processed_at).toEqual(row.processed_at);
    }
    const added = (await auditActions(world, seeded.tenant.id)).slice(auditBefore.length);
    expect(added.map((a) => a.action)).toEqual(["billing.payment_failed"]);

    // Once five minutes have passed for the younger one too, the next sweep takes it, and only it.
    await age(String(fresh.event.id), 6);
    const next = (await runOnce(stripeSweep, tick)) as { swept: Record<string, string> };
    expect(next.swept).toEqual({ [String(fresh.event.id)]: "applied" });
    expect(await subscriptionRow(world, seeded.tenant.id)).toMatchObject({ status: "active", grace_until: null });
    expect(((await runOnce(stripeSweep, tick)) as { swept: Record<string, string> }).swept).toEqual({});
  });

  it("meter-usage reports each run's tokens once to Stripe under its identifier; a repeat sends nothing", async () => {
    const seeded = await seedFreeTenant(world);
    const { subscription } = await upgrade(world, seeded);
    const tenantId = seeded.tenant.id;
    const [a, b] = [randomUUID(), randomUUID()];
    const usage = (runId: string, inputTokens: number, outputTokens: number) => ({
      name: "usage.recorded",
      id: randomUUID(),
      ts: Date.now(),
      data: {
        tenantId,
        correlationId: randomUUID(),
        causationId: null,
        traceId: null,
        actor: { type: "system", id: "test" },
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
      },
    });
    const meterPosts = () => world.fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/billing/meter_events");
    const mine = () =>
      world.fake.store.meterEvents.filter(
        (e) => (e.payload as Record<string, string>).stripe_customer_id === String(subscription.customer),
      );
    const postsBefore = meterPosts().length;

    const batch = [usage(a, 100, 20), usage(b, 40, 2), usage(a, 100, 20)];
    const result = (await runOnce(meterUsage, batch)) as { tenantId: string; recorded: number; reported: number; failed: number }[];
    expect(result).toEqual([expect.objectContaining({ tenantId, recorded: 2, reported: 2, failed: 0 })]);
    expect(
      mine()
        .map((e) => [e.identifier, (e.payload as Record<string, string>).value, e.event_name])
        .sort(),
    ).toEqual(
      [
        [`${tenantId}:${a}`, "120", "agentry_tokens"],
        [`${tenantId}:${b}`, "42", "agentry_tokens"],
      ].sort(),
    );
    expect(meterPosts().length - postsBefore).toBe(2);

    // The same batch again (a redelivery): nothing recorded, nothing sent.
    expect(await runOnce(meterUsage, batch)).toEqual([expect.objectContaining({ tenantId, recorded: 0, reported: 0 })]);
    expect(meterPosts().length - postsBefore).toBe(2);

    // A send Stripe counted but whose answer was lost (the row still unreported): the retry resends under the
    // same identifier, Stripe refuses the duplicate, and the row is marked reported — still one meter event per run.
    await world.engine.db.ownerSql(`update meter_reports set reported_at = null where identifier = $1`, [`${tenantId}:${a}`]);
    expect(await runOnce(meterUsage, [usage(a, 100, 20)])).toEqual([expect.objectContaining({ recorded: 0, reported: 1, failed: 0 })]);
    expect(meterPosts().length - postsBefore).toBe(3);
    expect(mine()).toHaveLength(2);
    const [row] = await world.engine.db.ownerSql(`select reported_at from meter_reports where identifier = $1`, [`${tenantId}:${a}`]);
    expect(row!.reported_at).not.toBeNull();
  });
});
