import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { stripeEvent } from "@/inngest/functions/stripe-event";
import { stripe } from "@/server/billing/stripe/config";
import { syncCatalogue } from "@/server/billing/stripe/sync-catalogue";
import { addMember, callerFor } from "../support/callers";
import { failure } from "../support/failures";
import { TEST_APP_URL } from "../support/fake-stripe-wire";
import { auditActions, seedFreeTenant, startStripeWorld, subscriptionRow, upgrade, type StripeWorld } from "./stripe-support";

const port = await vi.hoisted(async () => (await import("../support/fake-stripe-wire")).pointStripeAtFreeLoopbackPort());

/** Checkout, the Billing Portal and the catalogue sync, through the real SDK over HTTP to the fake Stripe server. */
describe("Stripe Checkout, Billing Portal and catalogue sync", () => {
  let world: StripeWorld;
  beforeAll(async () => {
    world = await startStripeWorld(port, [stripeEvent]);
  }, 120_000);
  afterAll(async () => world?.stop());

  it("starts Checkout for Pro: one customer per tenant, the plan's price and the metered price, links from APP_URL", async () => {
    const seeded = await seedFreeTenant(world);
    // A spoofed Host must not steer where Stripe sends the customer back to.
    const caller = callerFor(world.engine.db, {
      user: seeded.owner,
      tenantSlug: seeded.tenant.slug,
      headers: { host: "evil.example", "x-forwarded-host": "evil.example" },
    });
    const first = await caller.billing.checkout({ planId: "pro" });
    const second = await caller.billing.checkout({ planId: "pro" });
    expect(first.url).toMatch(new RegExp(`^${world.fake.url}/c/pay/cs_test_`));
    const customers = [...world.fake.store.customers.values()].filter(
      (c) => (c.metadata as Record<string, string>).tenantId === seeded.tenant.id,
    );
    expect(customers).toHaveLength(1);
    expect(await subscriptionRow(world, seeded.tenant.id)).toMatchObject({ status: "none", stripe_customer_id: customers[0]!.id });
    const session = world.fake.store.sessions.get(second.url.split("/").pop()!)!;
    expect(session).toMatchObject({
      mode: "subscription",
      customer: customers[0]!.id,
      client_reference_id: seeded.tenant.id,
      metadata: { tenantId: seeded.tenant.id, planId: "pro" },
      success_url: `${TEST_APP_URL}/t/${seeded.tenant.slug}/billing?checkout=success`,
      cancel_url: `${TEST_APP_URL}/t/${seeded.tenant.slug}/billing?checkout=cancelled`,
    });
    const [pro] = await world.engine.db.ownerSql(`select stripe_price_id from plans where id = 'pro'`);
    const prices = (session._line_items as { price: string }[]).map((item) => world.fake.store.prices.get(item.price)!);
    expect(prices.map((p) => p.id)).toContain(pro!.stripe_price_id);
    expect(prices.map((p) => p.lookup_key)).toEqual(["agentry_pro_monthly", "agentry_tokens_metered"]);
    expect((await auditActions(world, seeded.tenant.id)).map((a) => a.action)).toEqual([
      "billing.checkout_started",
      "billing.checkout_started",
    ]);
  });

  it("refuses an unknown or unsellable plan (400), the current plan (409), and members without billing:manage", async () => {
    const seeded = await seedFreeTenant(world);
    const owner = seeded.as(seeded.owner);
    expect(await failure(owner.billing.checkout({ planId: "platinum" }))).toMatchObject({
      httpStatus: 400,
      error: { code: "unknown_plan" },
    });
    expect(await failure(owner.billing.checkout({ planId: "free" }))).toMatchObject({ httpStatus: 400, error: { code: "unknown_plan" } });
    const developer = await addMember(world.engine.db, seeded, "developer");
    expect(await failure(seeded.as(developer).billing.checkout({ planId: "pro" }))).toMatchObject({ httpStatus: 403 });
    await upgrade(world, seeded);
    expect(await failure(owner.billing.checkout({ planId: "pro" }))).toMatchObject({ httpStatus: 409, error: { code: "already_on_plan" } });
    // Paying already: another plan is a change of the subscription, made in the Billing Portal.
    expect(await failure(owner.billing.checkout({ planId: "enterprise" }))).toMatchObject({
      httpStatus: 409,
      error: { code: "subscription_exists" },
    });
    const calls = world.fake.requests.filter((r) => r.path === "/v1/checkout/sessions").length;
    await failure(owner.billing.checkout({ planId: "pro" }));
    expect(world.fake.requests.filter((r) => r.path === "/v1/checkout/sessions").length).toBe(calls);
  });

  it("opens the Billing Portal for the tenant's customer, returning to the billing page", async () => {
    const seeded = await seedFreeTenant(world);
    const owner = seeded.as(seeded.owner);
    expect(await failure(owner.billing.openPortal({}))).toMatchObject({ httpStatus: 409, error: { code: "no_billing_account" } });
    await upgrade(world, seeded);
    const { url } = await owner.billing.openPortal({});
    const session = world.fake.store.portalSessions.get(url.split("/").pop()!)!;
    const row = await subscriptionRow(world, seeded.tenant.id);
    expect(session).toMatchObject({
      customer: row!.stripe_customer_id,
      return_url: `${TEST_APP_URL}/t/${seeded.tenant.slug}/billing?portal=returned`,
    });
  });

  it("syncs the catalogue idempotently, and a changed list price moves the lookup key to a new price", async () => {
    const counts = () => ({
      products: world.fake.store.products.size,
      prices: world.fake.store.prices.size,
      meters: world.fake.store.meters.size,
    });
    const before = counts();
    const plansBefore = await world.engine.db.ownerSql(`select id, stripe_product_id, stripe_price_id from plans order by id`);
    const again = await syncCatalogue(stripe(), world.engine.db.db);
    expect(again.created).toEqual([]);
    expect(again.updated).toEqual([]);
    expect(counts()).toEqual(before);
    expect(before).toEqual({ products: 3, prices: 3, meters: 1 });
    expect(await world.engine.db.ownerSql(`select id, stripe_product_id, stripe_price_id from plans order by id`)).toEqual(plansBefore);
    expect(plansBefore.find((p) => p.id === "free")).toMatchObject({ stripe_price_id: null });

    await world.engine.db.ownerSql(`update plans set price_monthly_cents = 129900 where id = 'enterprise'`);
    const changed = await syncCatalogue(stripe(), world.engine.db.db);
    expect(changed.created).toEqual([]);
    expect(changed.updated).toEqual(["price agentry_enterprise_monthly", "plan enterprise"]);
    const [enterprise] = await world.engine.db.ownerSql(`select stripe_price_id from plans where id = 'enterprise'`);
    const current = world.fake.store.prices.get(String(enterprise!.stripe_price_id))!;
    expect(current).toMatchObject({ unit_amount: 129900, lookup_key: "agentry_enterprise_monthly", active: true });
    const old = world.fake.store.prices.get(String(plansBefore.find((p) => p.id === "enterprise")!.stripe_price_id))!;
    expect(old).toMatchObject({ active: false, lookup_key: null });
    expect((await syncCatalogue(stripe(), world.engine.db.db)).updated).toEqual([]);
  });
});
