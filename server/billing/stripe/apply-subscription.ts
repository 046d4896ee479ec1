import { eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { plans, subscriptions, tenants, type SubscriptionStatus } from "@/db/schema";
import { recordChange } from "@/server/audit/record-change";
import type { TenantContext } from "@/server/request-context";
import { notifyBillingMembers } from "../notify-billing-members";
import { licensedPriceOf, periodOf } from "./shapes";

export const FREE_PLAN_ID = "free";

/** Statuses in which the paid plan is kept (past_due: during the grace period, until it expires). */
const PAID = new Set<string>(["active", "trialing", "past_due"]);
/** Statuses that mean the customer has paid up: any payment failure is over. */
const SETTLED = new Set<string>(["active", "trialing"]);

export type ApplyOutcome = "applied" | "ignored_stale" | "ignored_unknown_price" | "ignored_other_subscription";

export type StripeEventFacts = { id: string; createdAt: Date };

/** The tenant's subscription row, locked for this transaction (null: none yet). */
export async function lockSubscription(ctx: TenantContext) {
  const [row] = await ctx.tx.select().from(subscriptions).where(eq(subscriptions.tenantId, ctx.tenant.id)).for("update");
  return row ?? null;
}

/**
 * Moves `tenants.plan_id` and audits it in the tenant's own log; nothing when the plan is already
 * right. A move to Free (cancelled, unpaid, expired) also tells the members who may read billing.
 */
export async function movePlan(
  ctx: TenantContext,
  toPlanId: string,
  facts: { status: string; stripeSubscriptionId: string | null; stripeEventId: string },
) {
  const [tenant] = await ctx.tx.select({ planId: tenants.planId }).from(tenants).where(eq(tenants.id, ctx.tenant.id)).for("update");
  if (!tenant || tenant.planId === toPlanId) return false;
  await ctx.tx.update(tenants).set({ planId: toPlanId }).where(eq(tenants.id, ctx.tenant.id));
  await recordChange(ctx, "billing.subscription_changed", {
    targetId: ctx.tenant.id,
    facts: { fromPlanId: tenant.planId, toPlanId, ...facts },
  });
  if (toPlanId === FREE_PLAN_ID) {
    await notifyBillingMembers(ctx, {
      kind: "billing",
      detail: { event: "downgraded", fromPlanId: tenant.planId, toPlanId, reason: facts.status },
    });
  }
  return true;
}

/**
 * Applies a subscription as Stripe reported it (`customer.subscription.*`, or the one a completed
 * Checkout made): the subscriptions row takes its status, period and plan, and `tenants.plan_id`
 * follows — the paid plan while it is active (or past due, within the grace period), Free once it
 * is cancelled, unpaid or expired. An event older than the newest applied (`stripe_event_at`)
 * changes nothing: Stripe does not deliver in order.
 */
export async function applySubscription(
  ctx: TenantContext,
  sub: Stripe.Subscription,
  event: StripeEventFacts,
  deleted = false,
): Promise<ApplyOutcome> {
  const row = await lockSubscription(ctx);
  if (row?.stripeEventAt && event.createdAt < row.stripeEventAt) return "ignored_stale";
  const status = (deleted ? "canceled" : sub.status) as SubscriptionStatus;
  // A late word about an old subscription must not end the one the tenant pays for now.
  if (row?.stripeSubscriptionId && row.stripeSubscriptionId !== sub.id && PAID.has(row.status) && !PAID.has(status))
    return "ignored_other_subscription";
  const priceId = licensedPriceOf(sub);
  const [byPrice] = priceId ? await ctx.tx.select({ id: plans.id }).from(plans).where(eq(plans.stripePriceId, priceId)) : [];
  const planId = byPrice?.id ?? null;
  if (!planId && PAID.has(status)) return "ignored_unknown_price";
  const period = periodOf(sub);
  const customer = typeof sub.customer === "string" ? sub.customer : sub.customer.id;
  const values = {
    stripeCustomerId: customer,
    stripeSubscriptionId: sub.id,
    planId: PAID.has(status) ? planId : null,
    status,
    currentPeriodStart: period.start,
    currentPeriodEnd: period.end,
    cancelAtPeriodEnd: Boolean(sub.cancel_at_period_end),
    stripeEventAt: event.createdAt,
    updatedAt: new Date(),
    ...(SETTLED.has(status) ? { paymentFailedAt: null, graceUntil: null } : {}),
  };
  await ctx.tx
    .insert(subscriptions)
    .values({ tenantId: ctx.tenant.id, ...values })
    .onConflictDoUpdate({ target: subscriptions.tenantId, set: { ...values, updatedAt: sql`now()` } });
  // `incomplete`: the first payment is still being taken; the plan moves when it succeeds.
  if (status !== "incomplete") {
    await movePlan(ctx, PAID.has(status) ? planId! : FREE_PLAN_ID, { status, stripeSubscriptionId: sub.id, stripeEventId: event.id });
  }
  return "applied";
}
