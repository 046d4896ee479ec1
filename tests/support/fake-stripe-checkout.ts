import { StripeError, list, metadataOf, missing, noSuch, now, optStr, raise, str, stripeId, type Obj } from "./fake-stripe-wire";
import { DAY, customerOf, get, type StripeStore } from "./fake-stripe-store";

/**
 * Checkout and what paying makes: a subscription-mode Checkout session, its completion (an
 * active subscription and its first, paid invoice), and the billing portal's session.
 */

export function createSession(store: StripeStore, origin: () => string, body: Obj): Obj {
  if (str(body, "mode") !== "subscription")
    throw new StripeError(400, "invalid_request_error", "Only subscription mode is faked.", "parameter_invalid_string", "mode");
  customerOf(store, str(body, "customer"));
  const items = (Array.isArray(body.line_items) ? body.line_items : []) as Obj[];
  if (items.length === 0) throw missing("line_items");
  items.forEach((item, i) => {
    const price = store.prices.get(String(item.price)) ?? raise(noSuch("price", String(item.price), `line_items[${i}][price]`));
    if (!price.active)
      throw new StripeError(400, "invalid_request_error", `The price specified is inactive.`, "price_inactive", `line_items[${i}][price]`);
  });
  const id = stripeId("cs_test");
  const session: Obj = {
    id,
    object: "checkout.session",
    cancel_url: optStr(body, "cancel_url"),
    client_reference_id: optStr(body, "client_reference_id"),
    created: now(),
    currency: "usd",
    customer: String(body.customer),
    expires_at: now() + DAY,
    livemode: false,
    metadata: metadataOf(body),
    mode: "subscription",
    payment_status: "unpaid",
    status: "open",
    subscription: null,
    success_url: str(body, "success_url"),
    url: `${origin()}/c/pay/${id}`,
    // Not part of Stripe's answer (line items are fetched separately); the fake keeps them to complete the session.
    _line_items: items,
    _subscription_metadata: metadataOf((body.subscription_data ?? {}) as Obj),
  };
  store.sessions.set(id, session);
  return session;
}

export const view = (session: Obj): Obj => Object.fromEntries(Object.entries(session).filter(([k]) => !k.startsWith("_")));

/** What paying on the Checkout page makes: an active subscription and its first, paid invoice. */
export function complete(store: StripeStore, origin: () => string, sessionId: string) {
  const session = get(store.sessions, "checkout.session", sessionId);
  if (session.status !== "open")
    throw new StripeError(400, "invalid_request_error", "This Checkout session is no longer open.", "checkout_session_not_open");
  const start = now();
  const subId = stripeId("sub");
  const prices = (session._line_items as Obj[]).map((item) => ({
    price: store.prices.get(String(item.price))!,
    quantity: item.quantity === undefined ? null : Number(item.quantity),
  }));
  const invoiceId = stripeId("in");
  const subscription: Obj = {
    id: subId,
    object: "subscription",
    cancel_at_period_end: false,
    canceled_at: null,
    created: start,
    currency: "usd",
    customer: String(session.customer),
    items: list(
      `/v1/subscription_items?subscription=${subId}`,
      prices.map(({ price, quantity }) => ({
        id: stripeId("si"),
        object: "subscription_item",
        created: start,
        current_period_start: start,
        current_period_end: start + 30 * DAY,
        price,
        quantity,
        subscription: subId,
      })),
    ),
    latest_invoice: invoiceId,
    livemode: false,
    metadata: session._subscription_metadata as Obj,
    start_date: start,
    status: "active",
  };
  const amount = prices.reduce(
    (sum, { price, quantity }) =>
      sum + (price.recurring && (price.recurring as Obj).usage_type === "licensed" ? Number(price.unit_amount ?? 0) * (quantity ?? 1) : 0),
    0,
  );
  const invoice: Obj = {
    id: invoiceId,
    object: "invoice",
    amount_due: amount,
    amount_paid: amount,
    amount_remaining: 0,
    billing_reason: "subscription_create",
    created: start,
    currency: "usd",
    customer: String(session.customer),
    hosted_invoice_url: `${origin()}/i/${invoiceId}`,
    invoice_pdf: `${origin()}/i/${invoiceId}/pdf`,
    livemode: false,
    number: `FAKE-${String(store.invoices.size + 1).padStart(4, "0")}`,
    parent: {
      type: "subscription_details",
      quote_details: null,
      subscription_details: { metadata: subscription.metadata as Obj, subscription: subId },
    },
    period_end: start,
    period_start: start,
    status: "paid",
  };
  store.subscriptions.set(subId, subscription);
  store.invoices.set(invoiceId, invoice);
  Object.assign(session, { status: "complete", payment_status: "paid", subscription: subId });
  return { session: view(session), subscription, invoice };
}

export function createPortalSession(store: StripeStore, origin: () => string, body: Obj): Obj {
  const cus = str(body, "customer");
  customerOf(store, cus);
  const id = stripeId("bps");
  const session: Obj = {
    id,
    object: "billing_portal.session",
    created: now(),
    customer: cus,
    livemode: false,
    return_url: optStr(body, "return_url"),
    url: `${origin()}/p/session/${id}`,
  };
  store.portalSessions.set(id, session);
  return session;
}
