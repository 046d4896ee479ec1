import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deadLetterCapture } from "@/inngest/functions/dead-letter-capture";
import { stripeEvent } from "@/inngest/functions/stripe-event";
import { webhookDeliveryFunctions } from "@/inngest/functions/webhook-delivery";
import { setWebhookTestNetwork } from "@/server/webhooks/network";
import { seedFreeTenant, startStripeWorld, stripeEventRow, subscriptionRow, upgrade, type StripeWorld } from "../billing/stripe-support";
import type { SeededUser } from "../support/callers";
import { failure } from "../support/failures";
import { now } from "../support/fake-stripe-wire";
import { installTestKeyring, removeTestKeyring } from "../runs/support";
import { allowLocalReceiver, startReceiver } from "../webhooks/support";
import { consoleAs, seedOperator } from "./support";

const port = await vi.hoisted(async () => (await import("../support/fake-stripe-wire")).pointStripeAtFreeLoopbackPort());
const DAY = 86_400_000;

/**
 * Background jobs in a suspended organisation, through the in-process Inngest driver on Postgres:
 * the jobs that keep the platform's books (Stripe billing) still run; the jobs that act for the
 * organisation toward the outside (webhook deliveries) are held — no attempt spent, no dead letter,
 * however long the suspension — and go on once it is reactivated; its doors stay shut meanwhile.
 */
describe("background jobs while an organisation is suspended", () => {
  let world: StripeWorld;
  let operator: SeededUser;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    world = await startStripeWorld(port, [stripeEvent, deadLetterCapture, ...webhookDeliveryFunctions]);
    operator = await seedOperator(world.engine.db);
    installTestKeyring();
    allowLocalReceiver();
    // The first POST to /held fails (so a retry is scheduled); later ones succeed.
    receiver = await startReceiver((_path, count) => ({ status: count === 1 ? 503 : 200 }));
  }, 120_000);
  afterAll(async () => {
    setWebhookTestNetwork(null);
    removeTestKeyring();
    await receiver?.close();
    await world?.stop();
  });

  const deadLetters = async (tenantId: string) =>
    (await world.engine.db.ownerSql("select count(*)::int as n from dead_letters where tenant_id = $1", [tenantId]))[0]!.n as number;

  it("applies a Stripe invoice.paid for a suspended organisation (billing keeps the books)", async () => {
    const seeded = await seedFreeTenant(world);
    const { invoice } = await upgrade(world, seeded);
    await consoleAs(world.engine.db, operator).suspend({ tenantId: seeded.tenant.id, reason: "ticket 9: abuse review" });

    const paid = await world.fake.sendEvent(
      "invoice.paid",
      { ...invoice, id: "in_while_suspended", status: "paid", amount_paid: Number(invoice.amount_due) },
      { created: now() + 30 },
    );
    await world.engine.drain();
    expect(await stripeEventRow(world, String(paid.event.id))).toMatchObject({ outcome: "applied", processed_at: expect.anything() });
    const [stored] = await world.engine.db.ownerSql(
      `select tenant_id, status from invoices where stripe_invoice_id = 'in_while_suspended'`,
    );
    expect(stored).toMatchObject({ tenant_id: seeded.tenant.id, status: "paid" });
    expect(await subscriptionRow(world, seeded.tenant.id)).toMatchObject({ status: "active" });
    expect(await deadLetters(seeded.tenant.id)).toBe(0);
    // The organisation's own doors stay shut.
    expect(await failure(seeded.as(seeded.owner).billing.overview())).toMatchObject({
      httpStatus: 403,
      error: { code: "tenant_suspended" },
    });
  });

  it("holds a webhook delivery while suspended (no attempt spent, no dead letter) and delivers it after reactivation", async () => {
    const seeded = await seedFreeTenant(world);
    const owner = seeded.as(seeded.owner);
    const endpoint = await owner.webhooks.create({ url: receiver.url("/held"), eventTypes: ["webhook.endpoint_updated"] });
    await owner.webhooks.update({ id: endpoint.id, description: "changed" });
    await world.engine.drain();
    const posts = () => receiver.received.filter((r) => r.path === "/held").length;
    expect(posts()).toBe(1);
    const delivery = async () =>
      (await world.engine.db.ownerSql("select status, attempts from webhook_deliveries where endpoint_id = $1", [endpoint.id]))[0];
    expect(await delivery()).toMatchObject({ status: "pending", attempts: 1 });

    await consoleAs(world.engine.db, operator).suspend({ tenantId: seeded.tenant.id, reason: "ticket 10: abuse review" });
    // Four days pass: longer than the whole retry schedule (about three days), which would have spent every attempt.
    await world.engine.drain({ advanceMs: 4 * DAY, timeoutMs: 120_000 });
    expect(posts()).toBe(1);
    expect(await delivery()).toMatchObject({ status: "pending", attempts: 1 });
    expect(await deadLetters(seeded.tenant.id)).toBe(0);
    const held = (await Promise.all(webhookDeliveryFunctions.map((f) => world.engine.runsOf(f.id())))).flat();
    expect(held.filter((r) => r.status === "failed")).toEqual([]);
    expect(held.some((r) => r.status === "waiting")).toBe(true);
    // A door is still refused.
    expect(await failure(owner.webhooks.list({}))).toMatchObject({ httpStatus: 403, error: { code: "tenant_suspended" } });

    await consoleAs(world.engine.db, operator).reactivate({ tenantId: seeded.tenant.id, reason: "ticket 10: cleared" });
    await world.engine.drain({ timeoutMs: 120_000 });
    expect(posts()).toBe(2);
    expect(await delivery()).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(await deadLetters(seeded.tenant.id)).toBe(0);
  });

  it("captures a dead letter for a suspended organisation (dead letters are the platform's books)", async () => {
    const seeded = await seedFreeTenant(world);
    await consoleAs(world.engine.db, operator).suspend({ tenantId: seeded.tenant.id, reason: "ticket 11: abuse review" });
    await world.engine.send({
      name: "inngest/function.failed",
      data: {
        function_id: "agentry-webhook-delivery",
        run_id: "run-failed-while-suspended",
        error: { name: "Error", message: "gave up" },
        event: {
          id: "evt-suspended-1",
          name: "webhook.endpoint_updated",
          data: { tenantId: seeded.tenant.id, correlationId: "corr-1", payload: {} },
        },
      },
    });
    await world.engine.drain();
    const letters = await world.engine.db.ownerSql("select run_id, function_id from dead_letters where tenant_id = $1", [seeded.tenant.id]);
    expect(letters).toEqual([{ run_id: "run-failed-while-suspended", function_id: "agentry-webhook-delivery" }]);
  });
});
