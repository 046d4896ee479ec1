import type Stripe from "stripe";

/** The SDK's host/port/protocol for STRIPE_API_BASE (tests and e2e point it at a local server). Pure: scripts use it before any env is read. */
export function stripeConnection(base: string | undefined): Pick<Stripe.StripeConfig, "host" | "port" | "protocol"> {
  if (!base) return {};
  const url = new URL(base);
  const protocol = url.protocol === "http:" ? "http" : "https";
  return { host: url.hostname, port: url.port || (protocol === "http" ? 80 : 443), protocol };
}
