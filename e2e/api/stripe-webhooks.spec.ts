/**
 * The Stripe webhook door of the built server, over HTTP: a signature made with the endpoint's
 * secret by the SDK's own test-header helper is accepted, anything else is 400 and stored nowhere,
 * an oversized body is 413, and an event for a customer nobody has is acknowledged and ignored.
 */
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { FAKE_STRIPE_WEBHOOK_SECRET } from "@/tests/support/fake-stripe-wire";
import { expect, test } from "../support/fixtures";

const sdk = new Stripe("sk_test_signing_only");
const PATH = "/api/webhooks/stripe";

function event(type: string, object: Record<string, unknown>) {
  const id = `evt_e2e_${randomBytes(8).toString("hex")}`;
  return {
    id,
    payload: JSON.stringify({ id, object: "event", type, created: Math.floor(Date.now() / 1000), livemode: false, data: { object } }),
  };
}
const sign = (payload: string, secret = FAKE_STRIPE_WEBHOOK_SECRET, timestamp?: number) =>
  sdk.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });

test("bad, foreign, stale or missing signatures are refused with 400 and nothing is stored", async ({ request, seed }) => {
  const { id, payload } = event("customer.subscription.deleted", {
    id: "sub_x",
    object: "subscription",
    customer: "cus_x",
    status: "canceled",
  });
  const headers = (signature?: string) => ({ "content-type": "application/json", ...(signature ? { "stripe-signature": signature } : {}) });
  for (const signature of [
    undefined,
    "t=1,v1=00",
    sign(payload, "whsec_not_ours"),
    sign(payload, FAKE_STRIPE_WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 301),
  ]) {
    const response = await request.post(PATH, { headers: headers(signature), data: Buffer.from(payload) });
    expect(response.status(), String(signature)).toBe(400);
  }
  const tampered = payload.replace("canceled", "active");
  expect((await request.post(PATH, { headers: headers(sign(payload)), data: Buffer.from(tampered) })).status()).toBe(400);
  expect(await seed.ownerSql("select id from stripe_events where id = $1", [id])).toEqual([]);
});

test("an oversized body is 413", async ({ request }) => {
  const response = await request.post(PATH, {
    headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00" },
    data: Buffer.alloc(600 * 1024, 32),
  });
  expect(response.status()).toBe(413);
});

test("a genuine event for an unknown customer is acknowledged once, recorded as ignored, and a redelivery is a duplicate", async ({
  request,
  seed,
}) => {
  const { id, payload } = event("customer.subscription.updated", {
    id: "sub_nobody",
    object: "subscription",
    customer: `cus_${randomBytes(6).toString("hex")}`,
    status: "active",
  });
  const first = await request.post(PATH, {
    headers: { "content-type": "application/json", "stripe-signature": sign(payload) },
    data: Buffer.from(payload),
  });
  expect(first.status()).toBe(200);
  expect(await first.json()).toMatchObject({ received: true, outcome: "ignored_unknown_customer" });
  const again = await request.post(PATH, {
    headers: { "content-type": "application/json", "stripe-signature": sign(payload) },
    data: Buffer.from(payload),
  });
  expect(await again.json()).toMatchObject({ received: true, outcome: "duplicate" });
  expect(await seed.ownerSql("select outcome from stripe_events where id = $1", [id])).toEqual([{ outcome: "ignored_unknown_customer" }]);
});
