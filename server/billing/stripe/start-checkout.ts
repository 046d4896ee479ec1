import { z } from "zod";
import { recordChange } from "@/server/audit/record-change";
import { env } from "@/server/env";
import { ConflictError, ValidationError } from "@/server/errors";
import type { DomainContext } from "@/server/request-context";
import { requireAccess, runInTenant, type TenantAccess } from "@/server/tenancy/tenant-context";
import { ensureCustomer, readBillingState } from "./customer";
import { METERED_PRICE_LOOKUP_KEY, stripe } from "./config";

export const startCheckoutInput = z.object({ planId: z.string().trim().min(1).max(64) });

/** Statuses in which the tenant already pays through a subscription: plan changes go through the Billing Portal. */
export const LIVE_STATUSES = new Set(["active", "trialing", "past_due", "unpaid", "paused", "incomplete"]);

/**
 * The billing page's return links: from APP_URL only (server/env.ts requires it with Stripe),
 * never from the request's Host, which a caller controls.
 */
export function billingPageUrl(slug: string, query: string): string {
  return `${env.APP_URL!.replace(/\/$/, "")}/t/${slug}/billing?${query}`;
}

/**
 * Starts a Stripe Checkout session for moving the tenant to a paid plan: the plan's monthly price
 * plus the metered token price, the tenant named in `client_reference_id` and metadata so the
 * webhook finds it. Returns the URL the browser goes to. Talks to Stripe outside any transaction.
 */
export async function startCheckout(deps: DomainContext, access: TenantAccess, raw: z.input<typeof startCheckoutInput>) {
  requireAccess(access, { permission: "billing:manage" });
  const input = startCheckoutInput.parse(raw);
  const client = stripe();
  const { subscription, plan } = await readBillingState(deps, access, input.planId);
  if (!plan || !plan.stripePriceId || plan.priceMonthlyCents <= 0) {
    throw new ValidationError("This plan cannot be bought here.", { planId: "unknown_plan" }, "unknown_plan");
  }
  if (plan.id === access.tenant.planId) throw new ConflictError("The organisation is already on this plan.", "already_on_plan");
  if (subscription?.stripeSubscriptionId && LIVE_STATUSES.has(subscription.status)) {
    throw new ConflictError("The organisation already has a subscription: change it in the Billing Portal.", "subscription_exists");
  }
  const customer = await ensureCustomer(deps, access, subscription?.stripeCustomerId ?? null);
  const metered = await client.prices.list({ lookup_keys: [METERED_PRICE_LOOKUP_KEY], active: true, limit: 1 });
  const metadata = { tenantId: access.tenant.id, planId: plan.id };
  const session = await client.checkout.sessions.create({
    mode: "subscription",
    customer,
    client_reference_id: access.tenant.id,
    metadata,
    subscription_data: { metadata },
    line_items: [{ price: plan.stripePriceId, quantity: 1 }, ...metered.data.map((price) => ({ price: price.id }))],
    success_url: billingPageUrl(access.tenant.slug, "checkout=success"),
    cancel_url: billingPageUrl(access.tenant.slug, "checkout=cancelled"),
  });
  if (!session.url) throw new Error("Stripe returned a Checkout session without a URL");
  await runInTenant(deps, access, (ctx) =>
    recordChange(ctx, "billing.checkout_started", { targetId: ctx.tenant.id, facts: { planId: plan.id, checkoutSessionId: session.id } }),
  );
  return { url: session.url };
}
