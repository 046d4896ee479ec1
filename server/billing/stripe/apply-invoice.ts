import { sql } from "drizzle-orm";
import type Stripe from "stripe";
import { invoices, subscriptions } from "@/db/schema";
import { recordChange } from "@/server/audit/record-change";
import type { TenantContext } from "@/server/request-context";
import { notifyBillingMembers } from "../notify-billing-members";
import { lockSubscription, type ApplyOutcome, type StripeEventFacts } from "./apply-subscription";
import { invoiceSubscriptionOf, secondsToDate } from "./shapes";

/** How long a tenant keeps its paid plan after a failed payment, before the downgrade to Free. */
export const GRACE_DAYS = 7;

/** The invoice as Stripe reported it, kept for the billing page; an older report never overwrites a newer one. */
async function upsertInvoice(ctx: TenantContext, invoice: Stripe.Invoice, event: StripeEventFacts) {
  const values = {
    number: invoice.number ?? null,
    status: invoice.status ?? "draft",
    currency: invoice.currency,
    amountDue: invoice.amount_due,
    amountPaid: invoice.amount_paid,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    invoicePdf: invoice.invoice_pdf ?? null,
    periodStart: secondsToDate(invoice.period_start),
    periodEnd: secondsToDate(invoice.period_end),
    issuedAt: secondsToDate(invoice.created) ?? event.createdAt,
    stripeEventAt: event.createdAt,
  };
  await ctx.tx
    .insert(invoices)
    .values({ tenantId: ctx.tenant.id, stripeInvoiceId: invoice.id!, ...values })
    .onConflictDoUpdate({
      target: [invoices.tenantId, invoices.stripeInvoiceId],
      set: { ...values, updatedAt: sql`now()` },
      setWhere: sql`${invoices.stripeEventAt} is null or ${invoices.stripeEventAt} <= ${event.createdAt.toISOString()}::timestamptz`,
    });
}

/**
 * `invoice.paid` and `invoice.payment_failed`: the invoice is stored, and dunning moves. A failure
 * marks the subscription past due and starts the grace period (GRACE_DAYS from the first failure;
 * later retries failing again do not extend it), audited once as `billing.payment_failed` with one
 * in-app notice to each member who may read billing — the billing page's banner reads the row. A
 * payment ends it. The plan itself moves only when the grace period expires (expire-grace.ts) or
 * Stripe changes the subscription.
 */
export async function applyInvoice(
  ctx: TenantContext,
  invoice: Stripe.Invoice,
  event: StripeEventFacts,
  paid: boolean,
): Promise<ApplyOutcome> {
  await upsertInvoice(ctx, invoice, event);
  const row = await lockSubscription(ctx);
  if (!row) return "applied";
  if (row.stripeEventAt && event.createdAt < row.stripeEventAt) return "ignored_stale";
  const subscriptionId = invoiceSubscriptionOf(invoice);
  if (subscriptionId && row.stripeSubscriptionId && subscriptionId !== row.stripeSubscriptionId) return "ignored_other_subscription";
  if (paid) {
    if (!row.paymentFailedAt) return "applied";
    await ctx.tx
      .update(subscriptions)
      .set({
        paymentFailedAt: null,
        graceUntil: null,
        status: row.status === "past_due" ? "active" : row.status,
        stripeEventAt: event.createdAt,
        updatedAt: sql`now()`,
      })
      .where(sql`${subscriptions.id} = ${row.id}`);
    return "applied";
  }
  const failedAt = row.paymentFailedAt ?? event.createdAt;
  const graceUntil = row.graceUntil ?? new Date(failedAt.getTime() + GRACE_DAYS * 86_400_000);
  await ctx.tx
    .update(subscriptions)
    .set({ status: "past_due", paymentFailedAt: failedAt, graceUntil, stripeEventAt: event.createdAt, updatedAt: sql`now()` })
    .where(sql`${subscriptions.id} = ${row.id}`);
  if (!row.paymentFailedAt) {
    await recordChange(ctx, "billing.payment_failed", {
      targetId: ctx.tenant.id,
      facts: { stripeInvoiceId: invoice.id!, graceUntil: graceUntil.toISOString(), stripeEventId: event.id },
    });
    await notifyBillingMembers(ctx, {
      kind: "billing",
      detail: { event: "payment_failed", graceEndsAt: graceUntil.toISOString(), amount: invoice.amount_due, currency: invoice.currency },
    });
  }
  return "applied";
}
