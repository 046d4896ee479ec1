import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { stripeEvents } from "@/db/schema";
import { logger } from "@/server/obs/logger";
import type { DomainContext } from "@/server/request-context";
import { actInTenant } from "@/server/tenancy/tenant-context";
import { applyInvoice } from "./apply-invoice";
import { applySubscription, type ApplyOutcome, type StripeEventFacts } from "./apply-subscription";
import { stripe } from "./config";
import { resolveTenant } from "./receive-webhook";

export type ProcessOutcome = ApplyOutcome | "ignored_unknown_customer" | "ignored_type" | "missing";

const JOB = "stripe-billing";
const actor = (deps: Pick<DomainContext, "meta">) => ({ type: "system" as const, id: JOB, requestId: deps.meta.requestId });

/**
 * Applies one recorded Stripe event (by id) to its tenant, once: a processed row is not applied
 * again, whatever delivers it (the function, a retry, the sweep). The tenant's changes are made as
 * the installation (`stripe-billing`, a system principal) and audited in the tenant's log; the
 * outcome is written back on the platform row. The network (Stripe, for a completed Checkout's
 * subscription) is called outside every transaction.
 *
 * Applying is idempotent by construction (upserts, and a plan that is already right is not moved
 * or audited), so a crash between the tenant's commit and the outcome's only repeats a no-op.
 */
export async function processStripeEvent(deps: DomainContext, stripeEventId: string): Promise<ProcessOutcome> {
  const row = await deps.scopes.withPlatform("stripe event: load", actor(deps), async (tx) => {
    const [found] = await tx.select().from(stripeEvents).where(eq(stripeEvents.id, stripeEventId));
    if (!found || found.processedAt) return found ?? null;
    return {
      ...found,
      concernsTenantId: found.concernsTenantId ?? (await resolveTenant(tx, (found.payload as unknown as Stripe.Event).data.object)),
    };
  });
  if (!row) return "missing";
  if (row.processedAt) return (row.outcome ?? "applied") as ProcessOutcome;
  const event = row.payload as unknown as Stripe.Event;
  const outcome: ProcessOutcome = row.concernsTenantId
    ? await applyToTenant(deps, row.concernsTenantId, event)
    : "ignored_unknown_customer";
  if (outcome === "ignored_unknown_customer")
    logger.warn({ stripeEventId, type: event.type }, "stripe event for an unknown customer: ignored");
  await deps.scopes.withPlatform("stripe event: outcome", actor(deps), (tx) =>
    tx
      .update(stripeEvents)
      .set({ processedAt: sql`now()`, outcome, concernsTenantId: row.concernsTenantId })
      .where(eq(stripeEvents.id, stripeEventId)),
  );
  return outcome;
}

async function applyToTenant(deps: DomainContext, tenantId: string, event: Stripe.Event): Promise<ProcessOutcome> {
  const facts: StripeEventFacts = { id: event.id, createdAt: new Date(event.created * 1000) };
  const inTenant = (work: Parameters<typeof actInTenant<ProcessOutcome>>[3]) =>
    // A suspended organisation that pays (or fails to) has it recorded: billing keeps the books.
    actInTenant(deps, { kind: "system", tenantId, job: JOB, runsWhileSuspended: true }, { permission: "billing:manage" }, work);
  switch (event.type) {
    case "checkout.session.completed": {
      const session = event.data.object;
      const subscriptionId = typeof session.subscription === "string" ? session.subscription : session.subscription?.id;
      if (!subscriptionId) return "ignored_type";
      // The session says little; the subscription it made is the truth (and may be newer than the session event).
      const sub = await stripe().subscriptions.retrieve(subscriptionId);
      return inTenant((ctx) => applySubscription(ctx, sub, facts));
    }
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
      return inTenant((ctx) => applySubscription(ctx, event.data.object, facts, event.type === "customer.subscription.deleted"));
    case "invoice.paid":
    case "invoice.payment_failed":
      return inTenant((ctx) => applyInvoice(ctx, event.data.object, facts, event.type === "invoice.paid"));
    default:
      return "ignored_type";
  }
}
