import Stripe from "stripe";
import { env } from "@/server/env";
import { ConflictError } from "@/server/errors";
import { stripeConnection } from "./connection";

/**
 * Stripe's settings, read once from the environment (server/env.ts refuses a key without its
 * webhook signing secret). Billing is "configured" when both are set; without them the billing
 * page says so and plans are assigned by a platform admin.
 */
export function isBillingConfigured(): boolean {
  return Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET);
}

export { METERED_PRICE_LOOKUP_KEY, METER_EVENT_NAME, priceLookupKey } from "./keys";

let client: Stripe | null = null;

/** The one Stripe client; throws `billing_not_configured` (409) when billing is off. */
export function stripe(): Stripe {
  if (!isBillingConfigured()) {
    throw new ConflictError("Billing is not configured on this installation; a platform admin assigns plans.", "billing_not_configured");
  }
  client ??= new Stripe(env.STRIPE_SECRET_KEY!, {
    ...stripeConnection(env.STRIPE_API_BASE),
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: "agentry" },
  });
  return client;
}

export function webhookSecret(): string | null {
  return env.STRIPE_WEBHOOK_SECRET ?? null;
}
