import { and, eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Tx } from "@/db";
import { stripeEvents, subscriptions, tenants } from "@/db/schema";
import { appendEvents } from "@/server/events/append-event";
import { logger } from "@/server/obs/logger";
import type { DomainContext } from "@/server/request-context";
import { isBillingConfigured, stripe, webhookSecret } from "./config";
import { customerOf, tenantHintOf } from "./shapes";

/** Stripe signs `t=<seconds>,v1=<hmac>`; older than this (or that far ahead) is a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** Stripe's events are a few KB; anything near this is not one of them. */
export const STRIPE_WEBHOOK_MAX_BYTES = 512 * 1024;

/** The event types the processor acts on; any other verified event is recorded as `ignored_type`. */
export const HANDLED_TYPES = new Set([
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "invoice.paid",
  "invoice.payment_failed",
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type WebhookAnswer = { status: number; body: Record<string, unknown> };

/**
 * Which tenant an event concerns: the one whose subscription row holds the event's customer, else
 * the tenant our Checkout named (client_reference_id / metadata) provided it has no other customer.
 * Runs on the platform path: the customer is what we know before we know the tenant.
 */
export async function resolveTenant(tx: Tx, object: unknown): Promise<string | null> {
  const customer = customerOf(object);
  if (customer) {
    const [row] = await tx
      .select({ tenantId: subscriptions.tenantId })
      .from(subscriptions)
      .where(eq(subscriptions.stripeCustomerId, customer))
      .limit(1);
    if (row) return row.tenantId;
  }
  const hint = tenantHintOf(object);
  if (!hint || !UUID.test(hint)) return null;
  const [row] = await tx
    .select({ id: tenants.id, customer: subscriptions.stripeCustomerId })
    .from(tenants)
    .leftJoin(subscriptions, eq(subscriptions.tenantId, tenants.id))
    .where(and(eq(tenants.id, hint), sql`${tenants.status} <> 'deleted'`));
  if (!row || (row.customer && customer && row.customer !== customer)) return null;
  return row.id;
}

/**
 * The webhook door (app/api/webhooks/stripe): verifies the signature over the raw body (secret,
 * 300 s tolerance), then in ONE platform transaction records the event (its id is the primary key,
 * so a redelivery inserts nothing and is acknowledged without being processed again), finds its
 * tenant and appends `billing.stripe_event_received` to that tenant's outbox, which hands it to the
 * `stripe-event` function. Both commit or neither does; an event whose hand-over never ran (or whose
 * processing gave up) stays `processed_at is null` and the sweep applies it (stripe-event-sweep).
 * An event naming no tenant we know is kept, marked `ignored_unknown_customer`, and answered 200:
 * Stripe must stop retrying something we will never apply.
 */
export async function receiveStripeWebhook(
  deps: Pick<DomainContext, "scopes" | "meta">,
  raw: string,
  signature: string | null,
): Promise<WebhookAnswer> {
  if (!isBillingConfigured()) return { status: 404, body: { error: "billing_not_configured" } };
  if (!signature) return { status: 400, body: { error: "missing_signature" } };
  let event: Stripe.Event;
  try {
    event = stripe().webhooks.constructEvent(raw, signature, webhookSecret()!, SIGNATURE_TOLERANCE_SECONDS);
  } catch {
    // Forged, altered, signed with another secret, or replayed outside the tolerance: nothing is stored.
    logger.warn({ requestId: deps.meta.requestId }, "stripe webhook refused: bad or stale signature");
    return { status: 400, body: { error: "invalid_signature" } };
  }
  const outcome = await deps.scopes.withPlatform(
    `stripe webhook ${event.type}`,
    { type: "system", id: "stripe-webhook", requestId: deps.meta.requestId },
    async (tx) => {
      const inserted = await tx
        .insert(stripeEvents)
        .values({
          id: event.id,
          type: event.type,
          stripeCreatedAt: new Date(event.created * 1000),
          livemode: event.livemode,
          payload: event as unknown as Record<string, unknown>,
        })
        .onConflictDoNothing()
        .returning({ id: stripeEvents.id });
      if (inserted.length === 0) return "duplicate" as const;
      if (!HANDLED_TYPES.has(event.type)) {
        await tx
          .update(stripeEvents)
          .set({ processedAt: sql`now()`, outcome: "ignored_type" })
          .where(eq(stripeEvents.id, event.id));
        return "ignored_type" as const;
      }
      const tenantId = await resolveTenant(tx, event.data.object);
      if (!tenantId) {
        await tx
          .update(stripeEvents)
          .set({ processedAt: sql`now()`, outcome: "ignored_unknown_customer" })
          .where(eq(stripeEvents.id, event.id));
        return "ignored_unknown_customer" as const;
      }
      await tx.update(stripeEvents).set({ concernsTenantId: tenantId }).where(eq(stripeEvents.id, event.id));
      await appendEvents(tx, [
        {
          tenantId,
          type: "billing.stripe_event_received",
          payload: { stripeEventId: event.id, type: event.type },
          actor: { type: "system", id: "stripe-webhook" },
          meta: deps.meta,
        },
      ]);
      return "queued" as const;
    },
  );
  if (outcome === "ignored_unknown_customer") {
    logger.warn(
      { stripeEventId: event.id, type: event.type, customer: customerOf(event.data.object) },
      "stripe event for an unknown customer: ignored",
    );
  }
  return { status: 200, body: { received: true, outcome } };
}
