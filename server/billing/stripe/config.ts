import Stripe from "stripe";
import { env } from "@/server/env";
import { ConflictError } from "@/server/errors";

/**
 * Stripe's settings, read once from the environment (server/env.ts refuses a key without its
 * webhook signing secret). Billing is "configured" when both are set; without them the billing
 * page says so and plans are assigned by a platform admin.
 */
export function isBillingConfigured(): boolean {
  return Boolean(env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET);
}

/** The lookup keys the sync command gives our prices: how every process finds them again. */
export const priceLookupKey = (planId: string) => `agentry_${planId}_monthly`;
export const METERED_PRICE_LOOKUP_KEY = "agentry_tokens_metered";
/** The billing meter's event name: one meter event per run, its value the run's tokens. */
export const METER_EVENT_NAME = "agentry_tokens";

/** The SDK's host/port/protocol for STRIPE_API_BASE (tests and e2e point it at a local server). */
export function stripeConnection(base: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}

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
