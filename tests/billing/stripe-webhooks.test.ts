import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stripeEvent } from "@/inngest/functions/stripe-event";
import { now, type Obj } from "../support/fake-stripe-wire";
import {
  auditActions,
  seedFreeTenant,
  startStripeWorld,
  stripeEventRow,
  subscriptionRow,
  tenantPlan,
  upgrade,
  type StripeWorld,
} from "./stripe-support";

const port = await vi.hoisted(async () => (await import("../support/fake-stripe-wire")).pointStripeAtFreeLoopbackPort());

/**
 * Stripe's webhooks end to end: the fake Stripe server POSTs events signed with the SDK's test
 * header to the app's real route over HTTP; the route records them and hands them through the
 * outbox to the `stripe-event` function, run by the in-process driver on Postgres.
 */
describe("Stripe webhooks", () => {
  let world: StripeWorld;
  beforeAll(async () => {
    world = await startStripeWorld(port, [stripeEvent]);
  }, 120_000);
  afterAll(async () => world?.stop());

  it("a completed Checkout moves the tenant to Pro, stores the subscription and invoice, and audits it as the system", async () => {
    const seeded = await seedFreeTenant(world);
    expect(await tenantPlan(world, seeded.tenant.id)).toBe("free");
    const done = await upgrade(world, seeded);
    expect(done.deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(await tenantPlan(world, seeded.tenant.id)).toBe("pro");
    const sub = await subscriptionRow(world, seeded.tenant.id);
    expect(sub).toMatchObject({ status: "active", plan_id: "pro", stripe_subscription_id: done.subscription.id });
    const [invoice] = await world.engine.db.ownerSql(`select status, amount_paid from invoices where tenant_id = $1`, [seeded.tenant.id]);
    expect(invoice).toMatchObject({ status: "paid", amount_paid: "4900" });
    const audit = await auditActions(world, seeded.tenant.id);
    expect(audit.map((a) => a.action)).toEqual(["billing.checkout_started", "billing.subscription_changed"]);
    expect(audit[1]).toMatchObject({ actor_type: "system", actor_id: "stripe-billing" });
    for (const d of done.deliveries)
      expect(await stripeEventRow(world, String(d.event.id))).toMatchObject({ outcome: "applied", concerns_tenant_id: seeded.tenant.id });
  });

  it("a webhook delivered twice is recorded and applied once", async () => {
    const seeded = await seedFreeTenant(world);
    const { subscription } = await upgrade(world, seeded);
    const cancelled = { ...subscription, status: "canceled" };
    const signed = world.fake.signEvent("customer.subscription.deleted", cancelled, { created: now() + 5 });
    const first = await world.fake.post(signed.payload, signed.header);
    const second = await world.fake.post(signed.payload, signed.header);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(JSON.parse(second.body)).toMatchObject({ outcome: "duplicate" });
    await world.engine.drain();
    expect(await tenantPlan(world, seeded.tenant.id)).toBe("free");
    const [count] = await world.engine.db.ownerSql(`select count(*)::int as n from stripe_events where id = $1`, [signed.event.id]);
    expect(count!.n).toBe(1);
    const changes = (await auditActions(world, seeded.tenant.id)).filter((a) => a.action === "billing.subscription_changed");
    expect(changes.map((c) => c.diff)).toHaveLength(2); // to Pro, then to Free — once
  });

  it("out of order: an update before its creation, and an old update after a new one, end in the newest state", async () => {
    const seeded = await seedFreeTenant(world);
    const { subscription } = await upgrade(world, seeded);
    const t = now() + 10;
    // Newer first: cancellation scheduled at the period's end (t+20), then an older one saying it is not (t+15).
    await world.fake.sendEvent("customer.subscription.updated", { ...subscription, cancel_at_period_end: true }, { created: t + 20 });
    const late = await world.fake.sendEvent(
      "customer.subscription.updated",
      { ...subscription, cancel_at_period_end: false },
      { created: t + 15 },
    );
    // And the subscription's creation event, redelivered long after (a fresh id, its original time).
    const created = await world.fake.sendEvent(
      "customer.subscription.created",
      { ...subscription, status: "incomplete" },
      { created: t - 60 },
    );
    await world.engine.drain();
    expect(await subscriptionRow(world, seeded.tenant.id)).toMatchObject({ status: "active", cancel_at_period_end: true });
    expect(await tenantPlan(world, seeded.tenant.id)).toBe("pro");
    expect(await stripeEventRow(world, String(late.event.id))).toMatchObject({ outcome: "ignored_stale" });
    expect(await stripeEventRow(world, String(created.event.id))).toMatchObject({ outcome: "ignored_stale" });
  });

  it("an update delivered before the creation it follows: the creation changes nothing", async () => {
    const seeded = await seedFreeTenant(world);
    const { url } = await seeded.as(seeded.owner).billing.checkout({ planId: "pro" });
    const sessionId = url.split("/").pop()!;
    // Complete on the fake without sending its webhooks, then deliver them out of order by hand.
    const { subscription } = await world.fake.completeCheckout(sessionId, { send: false });
    const t = now();
    await world.fake.sendEvent("customer.subscription.updated", { ...subscription, status: "past_due" }, { created: t + 2 });
    const created = await world.fake.sendEvent("customer.subscription.created", subscription, { created: t });
    await world.engine.drain();
    expect(await subscriptionRow(world, seeded.tenant.id)).toMatchObject({ status: "past_due", plan_id: "pro" });
    expect(await stripeEventRow(world, String(created.event.id))).toMatchObject({ outcome: "ignored_stale" });
  });

  it("a bad signature, a tampered body or another endpoint's secret: 400 and nothing stored", async () => {
    const seeded = await seedFreeTenant(world);
    const { subscription } = await upgrade(world, seeded);
    const gone = { ...subscription, status: "canceled" };
    const forged = world.fake.signEvent("customer.subscription.deleted", gone, { secret: "whsec_someone_else" });
    expect((await world.fake.post(forged.payload, forged.header)).status).toBe(400);
    const genuine = world.fake.signEvent("customer.subscription.deleted", gone);
    const tampered = genuine.payload.replace('"canceled"', '"active"');
    expect((await world.fake.post(tampered, genuine.header)).status).toBe(400);
    expect((await world.fake.post(genuine.payload, "t=1,v1=deadbeef")).status).toBe(400);
    const unsigned = await fetch(world.webhookUrl, {
      method: "POST",
      body: genuine.payload,
      headers: { "content-type": "application/json" },
    });
    expect(unsigned.status).toBe(400);
    await world.engine.drain();
    expect(await stripeEventRow(world, String(forged.event.id))).toBeNull();
    expect(await stripeEventRow(world, String(genuine.event.id))).toBeNull();
    expect(await tenantPlan(world, seeded.tenant.id)).toBe("pro");
  });

  it("a replayed event signed outside the 300 s tolerance is refused; inside it is accepted", async () => {
    const seeded = await seedFreeTenant(world);
    const { subscription } = await upgrade(world, seeded);
    const old = await world.fake.sendEvent(
      "customer.subscription.deleted",
      { ...subscription, status: "canceled" },
      { timestamp: now() - 301 },
    );
    expect(old.status).toBe(400);
    expect(await stripeEventRow(world, String(old.event.id))).toBeNull();
    const recent = await world.fake.sendEvent(
      "customer.subscription.deleted",
      { ...subscription, status: "canceled" },
      { timestamp: now() - 200, created: now() + 1 },
    );
    expect(recent.status).toBe(200);
    await world.engine.drain();
    expect(await tenantPlan(world, seeded.tenant.id)).toBe("free");
  });

  it("an event for an unknown customer is answered 200, recorded as ignored, and changes nothing", async () => {
    const seeded = await seedFreeTenant(world);
    const before = await world.engine.db.ownerSql(`select count(*)::int as n from subscriptions`);
    const stranger: Obj = {
      id: "sub_stranger",
      object: "subscription",
      customer: "cus_nobody",
      status: "active",
      items: { object: "list", data: [] },
      metadata: {},
    };
    const sent = await world.fake.sendEvent("customer.subscription.updated", stranger);
    expect(sent.status).toBe(200);
    expect(JSON.parse(sent.body)).toMatchObject({ outcome: "ignored_unknown_customer" });
    await world.engine.drain();
    expect(await stripeEventRow(world, String(sent.event.id))).toMatchObject({
      outcome: "ignored_unknown_customer",
      concerns_tenant_id: null,
    });
    expect(await world.engine.db.ownerSql(`select count(*)::int as n from subscriptions`)).toEqual(before);
    expect(await tenantPlan(world, seeded.tenant.id)).toBe("free");
  });
});
