import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stripeEvent } from "@/inngest/functions/stripe-event";
import { expireGracePeriods } from "@/server/billing/stripe/expire-grace";
import { sweepUnprocessed } from "@/server/billing/stripe/sweep-unprocessed";
import { addMember, domainContext } from "../support/callers";
import { now } from "../support/fake-stripe-wire";
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
const DAY = 86_400_000;

/** Dunning and cancellation: failed payments, the grace period and its expiry, and the sweep for events never applied. */
describe("Stripe dunning, cancellation and the sweep", () => {
  let world: StripeWorld;
  beforeAll(async () => {
    world = await startStripeWorld(port, [stripeEvent]);
  }, 120_000);
  afterAll(async () => world?.stop());

  it("a failed payment starts a 7-day grace on Pro; paying ends it; expiry goes to Free without deleting anything", async () => {
    const seeded = await seedFreeTenant(world);
    const developer = await addMember(world.engine.db, seeded, "developer");
    const { subscription, invoice } = await upgrade(world, seeded);
    const failed = { ...invoice, id: "in_retry_1", status: "open", amount_paid: 0 };
    const t = now() + 5;
    await world.fake.sendEvent("invoice.payment_failed", failed, { created: t });
    await world.engine.drain();
    const row = await subscriptionRow(world, seeded.tenant.id);
    expect(row).toMatchObject({ status: "past_due" });
    expect(new Date(String(row!.grace_until)).getTime() - t * 1000).toBe(7 * DAY);
    expect(await tenantPlan(world, seeded.tenant.id)).toBe("pro");
    // The owner's bell says so (billing:read); the developer's does not.
    const bell = await seeded.as(seeded.owner).playbooks.notifications();
    expect(bell.items).toEqual([
      expect.objectContaining({
        kind: "billing",
        incidentId: null,
        detail: {
          event: "payment_failed",
          graceEndsAt: new Date(String(row!.grace_until)).toISOString(),
          amount: Number(invoice.amount_due),
          currency: invoice.currency,
        },
      }),
    ]);
    expect(await seeded.as(developer).playbooks.notifications()).toEqual({ unread: 0, items: [] });
    const [elsewhere] = await world.engine.db.ownerSql(
      "select count(*)::int as n from notifications where kind = 'billing' and tenant_id <> $1 and detail->>'graceEndsAt' = $2",
      [seeded.tenant.id, new Date(String(row!.grace_until)).toISOString()],
    );
    expect(elsewhere!.n, "no other tenant's member is told").toBe(0);
    // A second failure (Stripe retries the card) neither extends the grace nor audits again.
    await world.fake.sendEvent("invoice.payment_failed", failed, { created: t + 60 });
    await world.engine.drain();
    expect((await subscriptionRow(world, seeded.tenant.id))!.grace_until).toEqual(row!.grace_until);
    expect((await auditActions(world, seeded.tenant.id)).filter((a) => a.action === "billing.payment_failed")).toHaveLength(1);
    expect((await seeded.as(seeded.owner).playbooks.notifications()).unread).toBe(1);

    await world.fake.sendEvent(
      "invoice.paid",
      { ...failed, status: "paid", amount_paid: Number(invoice.amount_due) },
      { created: t + 120 },
    );
    await world.engine.drain();
    expect(await subscriptionRow(world, seeded.tenant.id)).toMatchObject({ status: "active", payment_failed_at: null, grace_until: null });
    const [stored] = await world.engine.db.ownerSql(`select status from invoices where stripe_invoice_id = 'in_retry_1'`);
    expect(stored).toMatchObject({ status: "paid" });

    // Fails again and nobody pays: the grace runs out.
    await world.fake.sendEvent("invoice.payment_failed", { ...failed, id: "in_retry_2" }, { created: t + 180 });
    await world.engine.drain();
    const early = await expireGracePeriods(domainContext(world.engine.db), new Date(Date.now() + 6 * DAY));
    expect(early.downgraded).not.toContain(seeded.tenant.id);
    const due = await expireGracePeriods(domainContext(world.engine.db), new Date(Date.now() + 8 * DAY));
    expect(due.downgraded).toContain(seeded.tenant.id);
    expect(await tenantPlan(world, seeded.tenant.id)).toBe("free");
    expect((await auditActions(world, seeded.tenant.id)).at(-1)).toMatchObject({ action: "billing.downgraded", actor_type: "system" });
    const kinds = (await seeded.as(seeded.owner).playbooks.notifications()).items.map((n) => n.detail.event);
    // Newest first: the downgrade, the second failure (a new dunning cycle after the payment), the first.
    expect(kinds).toEqual(["downgraded", "payment_failed", "payment_failed"]);
    expect((await expireGracePeriods(domainContext(world.engine.db), new Date(Date.now() + 9 * DAY))).downgraded).not.toContain(
      seeded.tenant.id,
    );
    const [invoices] = await world.engine.db.ownerSql(`select count(*)::int as n from invoices where tenant_id = $1`, [seeded.tenant.id]);
    expect(invoices!.n).toBe(3);
    expect(subscription.id).toBeTruthy();
  });

  it("a deleted subscription returns the tenant to Free", async () => {
    const seeded = await seedFreeTenant(world);
    const { subscription } = await upgrade(world, seeded);
    await world.fake.sendEvent("customer.subscription.deleted", { ...subscription, status: "canceled" }, { created: now() + 5 });
    await world.engine.drain();
    expect(await tenantPlan(world, seeded.tenant.id)).toBe("free");
    expect(await subscriptionRow(world, seeded.tenant.id)).toMatchObject({ status: "canceled", plan_id: null });
    const [notice] = (await seeded.as(seeded.owner).playbooks.notifications()).items;
    expect(notice).toMatchObject({
      kind: "billing",
      detail: { event: "downgraded", fromPlanId: "pro", toPlanId: "free", reason: "canceled" },
    });
  });

  it("an event whose processing gave up stays unprocessed, and the sweep applies it once Stripe answers again", async () => {
    const seeded = await seedFreeTenant(world);
    const { url } = await seeded.as(seeded.owner).billing.checkout({ planId: "pro" });
    const sessionId = url.split("/").pop()!;
    // The processor reads the completed session's subscription from Stripe: make Stripe fail through every retry.
    world.fake.failNext("/v1/subscriptions", 100);
    // Only the session's event is delivered, so the subscription can come from nowhere else.
    const { session } = await world.fake.completeCheckout(sessionId, { send: false });
    const completed = await world.fake.sendEvent("checkout.session.completed", session);
    expect(completed.status).toBe(200);
    await world.engine.drain({ advanceMs: 3_600_000 });
    world.fake.clearFailures();
    expect(await stripeEventRow(world, String(completed.event.id))).toMatchObject({ processed_at: null });
    const outcomes = await sweepUnprocessed(domainContext(world.engine.db), { olderThanMs: 0 });
    expect(outcomes[String(completed.event.id)]).toBe("applied");
    expect(await stripeEventRow(world, String(completed.event.id))).toMatchObject({ outcome: "applied" });
    expect(await tenantPlan(world, seeded.tenant.id)).toBe("pro");
    expect(Object.keys(await sweepUnprocessed(domainContext(world.engine.db), { olderThanMs: 0 }))).not.toContain(
      String(completed.event.id),
    );
  }, 120_000);
});
