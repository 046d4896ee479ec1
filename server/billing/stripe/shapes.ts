import type Stripe from "stripe";

/**
 * Reading Stripe's objects across API versions: since 2025-03 a subscription's period lives on its
 * items and an invoice names its subscription under `parent.subscription_details`; older payloads
 * carry both at the top. Every reader here accepts either shape.
 */

type Loose = Record<string, unknown>;
const obj = (value: unknown): Loose | null => (value && typeof value === "object" ? (value as Loose) : null);
const idOf = (value: unknown): string | null =>
  typeof value === "string" ? value : typeof obj(value)?.id === "string" ? (obj(value)!.id as string) : null;

export const secondsToDate = (value: unknown): Date | null =>
  typeof value === "number" && Number.isFinite(value) ? new Date(value * 1000) : null;

export function customerOf(object: unknown): string | null {
  return idOf(obj(object)?.customer);
}

/** Where a Stripe object names our tenant: Checkout's client_reference_id, else the metadata we set. */
export function tenantHintOf(object: unknown): string | null {
  const o = obj(object);
  const invoiceMeta = obj(obj(obj(o?.parent)?.subscription_details)?.metadata);
  const candidates = [
    o?.client_reference_id,
    obj(o?.metadata)?.tenantId,
    invoiceMeta?.tenantId,
    obj(obj(o?.subscription_details)?.metadata)?.tenantId,
  ];
  return (candidates.find((c) => typeof c === "string" && c.length > 0) as string | undefined) ?? null;
}

export function invoiceSubscriptionOf(invoice: unknown): string | null {
  const o = obj(invoice);
  return idOf(obj(obj(o?.parent)?.subscription_details)?.subscription) ?? idOf(o?.subscription);
}

/** The subscription's licensed (flat monthly) price: what names the plan. Metered items are extra usage. */
export function licensedPriceOf(subscription: Stripe.Subscription): string | null {
  const items = subscription.items?.data ?? [];
  const licensed = items.find((item) => (item.price?.recurring?.usage_type ?? "licensed") === "licensed") ?? items[0];
  return licensed?.price?.id ?? null;
}

export function periodOf(subscription: Stripe.Subscription): { start: Date | null; end: Date | null } {
  const item = obj(subscription.items?.data?.[0]);
  const top = subscription as unknown as Loose;
  return {
    start: secondsToDate(item?.current_period_start ?? top.current_period_start),
    end: secondsToDate(item?.current_period_end ?? top.current_period_end),
  };
}
