import { z } from "zod";
import { openBillingPortal } from "../../billing/stripe/open-billing-portal";
import { startCheckout, startCheckoutInput } from "../../billing/stripe/start-checkout";
import { tenantAccessProcedure } from "../init";

const urlOutput = z.object({ url: z.url() });

/**
 * The Stripe half of the `billing` router (the lead spreads this object into it): both answer a URL
 * the browser is sent to. No transaction wraps them — the verbs call Stripe between their own short
 * ones. Portal only (`sessionOnly`): paying is a person's decision, not an API key's.
 */
export const billingStripeProcedures = {
  checkout: tenantAccessProcedure
    .meta({ permission: "billing:manage", sessionOnly: true })
    .input(startCheckoutInput)
    .output(urlOutput)
    .mutation(({ ctx, input }) => startCheckout(ctx.domain, ctx.access, input)),

  openPortal: tenantAccessProcedure
    .meta({ permission: "billing:manage", sessionOnly: true })
    .input(z.object({}).optional())
    .output(urlOutput)
    .mutation(({ ctx }) => openBillingPortal(ctx.domain, ctx.access)),
};
