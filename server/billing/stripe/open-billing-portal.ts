import { ConflictError } from "@/server/errors";
import type { DomainContext } from "@/server/request-context";
import { requireAccess, type TenantAccess } from "@/server/tenancy/tenant-context";
import { readBillingState } from "./customer";
import { stripe } from "./config";
import { billingPageUrl } from "./start-checkout";

/**
 * A Stripe Billing Portal session for the tenant's customer (card, plan change, cancellation);
 * Stripe reports what the person did there by webhook. Returns to the billing page (APP_URL).
 */
export async function openBillingPortal(deps: DomainContext, access: TenantAccess) {
  requireAccess(access, { permission: "billing:manage" });
  const client = stripe();
  const { subscription } = await readBillingState(deps, access);
  if (!subscription?.stripeCustomerId) {
    throw new ConflictError("The organisation has no Stripe customer yet: choose a paid plan first.", "no_billing_account");
  }
  const session = await client.billingPortal.sessions.create({
    customer: subscription.stripeCustomerId,
    return_url: billingPageUrl(access.tenant.slug, "portal=returned"),
  });
  return { url: session.url };
}
