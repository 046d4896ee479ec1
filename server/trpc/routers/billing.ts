import { billingOverviewDto, paymentProblemDto } from "../../billing/billing-overview-dto";
import { billingOverview } from "../../billing/billing-overview";
import { readPaymentProblem } from "../../billing/billing-overview-payment";
import { billingStripeProcedures } from "./billing-stripe";
import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "../init";

/**
 * The billing page's reads, and the Stripe actions (Checkout, the billing portal) from
 * `billing-stripe.ts`, which its owner keeps as a plain object of procedures.
 */
export const billingRouter = createTRPCRouter({
  ...billingStripeProcedures,

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
