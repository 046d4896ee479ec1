import { billingOverviewDto, paymentProblemDto } from "../../billing/billing-overview-dto";
import { billingOverview } from "../../billing/billing-overview";
import { readPaymentProblem } from "../../billing/billing-overview-payment";
import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "../init";

/**
 * The billing page's reads. The Stripe actions (Checkout, the billing portal) live in
 * `billing-stripe.ts` and are spread into this router when they land.
 */
export const billingRouter = createTRPCRouter({
  overview: tenantProcedure
    .meta({ permission: "billing:read" })
    .input(z.void())
    .output(billingOverviewDto)
    .query(({ ctx }) => billingOverview(ctx.tenantCtx)),

  /** The payment-failed banner in the portal frame: the subscription's dunning state alone. */
  paymentProblem: tenantProcedure
    .meta({ permission: "billing:read" })
    .input(z.void())
    .output(paymentProblemDto)
    .query(({ ctx }) => readPaymentProblem(ctx.tenantCtx)),
});
