import { z } from "zod";
import { SUBSCRIPTION_STATUSES } from "@/db/schema";
import { planLimitsDto } from "../tenancy/tenant-overview";

/** What the billing page reads in one call. Times are ISO strings; amounts in the currency's minor unit; cost in micro-units. */

const figure = z.object({
  metric: z.enum(["runs", "tokens", "agents", "seats"]),
  used: z.number().int(),
  limit: z.number().int().nullable(),
  resetsAt: z.iso.datetime().nullable(),
});

export const planDto = z.object({
  id: z.string(),
  name: z.string(),
  priceMonthlyCents: z.number().int(),
  currency: z.string(),
  limits: planLimitsDto,
});

export const subscriptionDto = z.object({
  status: z.enum(SUBSCRIPTION_STATUSES),
  planId: z.string().nullable(),
  currentPeriodStart: z.iso.datetime().nullable(),
  currentPeriodEnd: z.iso.datetime().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  paymentFailedAt: z.iso.datetime().nullable(),
  graceUntil: z.iso.datetime().nullable(),
});

export const invoiceDto = z.object({
  id: z.uuid(),
  number: z.string().nullable(),
  status: z.string(),
  currency: z.string(),
  amountDue: z.number().int(),
  amountPaid: z.number().int(),
  /** Only https URLs: anything else is dropped rather than rendered as a link. */
  hostedInvoiceUrl: z.string().nullable(),
  invoicePdf: z.string().nullable(),
  periodStart: z.iso.datetime().nullable(),
  periodEnd: z.iso.datetime().nullable(),
  issuedAt: z.iso.datetime(),
});

export const paymentProblemDto = z.object({ failedAt: z.iso.datetime(), graceUntil: z.iso.datetime().nullable() }).nullable();

export const billingOverviewDto = z.object({
  plan: planDto,
  /** The effective limits: the plan's with the tenant's overrides on top. */
  limits: planLimitsDto,
  period: z.object({ start: z.iso.datetime(), end: z.iso.datetime() }),
  figures: z.object({ runs: figure, tokens: figure, agents: figure, seats: figure }),
  subscription: subscriptionDto.nullable(),
  paymentProblem: paymentProblemDto,
  invoices: z.array(invoiceDto),
  moreInvoices: z.boolean(),
  daily: z.array(
    z.object({
      day: z.iso.date(),
      runs: z.number().int(),
      tokens: z.number().int(),
      costMicros: z.number().int(),
    }),
  ),
  costByAgent: z.array(
    z.object({
      agentId: z.string(),
      /** Null when the agent no longer exists at all (archived agents keep their name). */
      name: z.string().nullable(),
      archived: z.boolean(),
      runs: z.number().int(),
      tokens: z.number().int(),
      costMicros: z.number().int(),
    }),
  ),
  plans: z.array(planDto),
  billingConfigured: z.boolean(),
});

export type BillingOverview = z.infer<typeof billingOverviewDto>;
export type PaymentProblem = z.infer<typeof paymentProblemDto>;
