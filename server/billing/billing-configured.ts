import { isBillingConfigured } from "./stripe/config";

/**
 * Whether Stripe is configured here (its secret key and webhook signing secret are set). With
 * none, the billing page says so and plans are assigned by a platform admin. The Stripe module
 * owns the answer; the overview asks through this one name.
 */
export function billingConfigured(): boolean {
  return isBillingConfigured();
}
