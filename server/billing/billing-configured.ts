/**
 * Whether Stripe is configured here (a secret key is set). With none, the billing page says so and
 * plans are assigned by a platform admin. One function, so the lead can point it at the Stripe
 * module's `isBillingConfigured()` (server/billing/stripe/config.ts) when that lands: until then it
 * reads the variable itself (server/env.ts does not declare STRIPE_SECRET_KEY yet; the stripe
 * helper adds it there).
 */
export function billingConfigured(): boolean {
  const key = process.env.STRIPE_SECRET_KEY;
  return typeof key === "string" && key.trim().length > 0;
}
