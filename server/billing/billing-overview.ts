import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { agents, invoices, plans, tenants } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { effectiveLimits } from "../tenancy/effective-limits";
import { readUsage } from "../usage/read-usage";
import { readUsageByDay } from "../usage/read-usage-by-day";
import { isBillingConfigured } from "./stripe/config";
import type { BillingOverview } from "./billing-overview-dto";
import { paymentProblemOf, readSubscription } from "./billing-overview-payment";
import { readQuotaUsage } from "./quota-usage";

/** The page lists this many invoices, newest first; older ones are in Stripe's billing portal. */
export const INVOICES_SHOWN = 24;

const DAY = 86_400_000;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
/** A link we render must be https: a stored `javascript:` or plain-http URL is dropped, not linked. */
const httpsOnly = (url: string | null) => (url && /^https:\/\//i.test(url) ? url : null);

/**
 * Everything the billing page shows, read from our tables only (never Stripe live): the plan and
 * its price, the effective limits, the quota period with what is used of each quota, the
 * subscription row and its dunning state, recent invoices, usage per UTC day of the period (up to
 * today) and cost per agent in the period.
 */
export async function billingOverview(ctx: TenantContext, now: Date = new Date()): Promise<BillingOverview> {
  const tenantId = ctx.tenant.id;
  const [current] = await ctx.tx
    .select({
      id: plans.id,
      name: plans.name,
      priceMonthlyCents: plans.priceMonthlyCents,
      currency: plans.currency,
      limits: plans.limits,
      effective: effectiveLimits,
    })
    .from(tenants)
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .where(eq(tenants.id, tenantId))
    .limit(1);
  // tenants.plan_id references plans: a missing row is a broken installation, not a client's 404.
  if (!current) throw new Error(`plan ${ctx.tenant.planId} is missing from the plans table`);
  const { effective, ...plan } = current;

  const quota = await readQuotaUsage(ctx, effective, now);
  const { period } = quota;
  const subscription = await readSubscription(ctx);
  const invoiceRows = await ctx.tx
    .select()
    .from(invoices)
    .where(eq(invoices.tenantId, tenantId))
    .orderBy(desc(invoices.issuedAt), desc(invoices.id))
    .limit(INVOICES_SHOWN + 1);

  // The chart runs from the period's first day through today (the future has no usage to draw).
  const tomorrow = Math.floor(now.getTime() / DAY) * DAY + DAY;
  const daily = await readUsageByDay(ctx, { from: period.start, to: new Date(Math.min(tomorrow, period.end.getTime())) });
  const usage = await readUsage(ctx, { from: period.start, to: period.end });

  const perAgent = new Map<string, { runs: number; tokens: number; costMicros: number }>();
  for (const line of usage.lines) {
    const sum = perAgent.get(line.agentId) ?? { runs: 0, tokens: 0, costMicros: 0 };
    sum.runs += line.runs;
    sum.tokens += line.inputTokens + line.outputTokens;
    sum.costMicros += line.costMicros;
    perAgent.set(line.agentId, sum);
  }
  const ids = [...perAgent.keys()];
  const named = ids.length
    ? await ctx.tx
        .select({ id: agents.id, name: agents.name, archivedAt: agents.archivedAt })
        .from(agents)
        .where(and(eq(agents.tenantId, tenantId), inArray(agents.id, ids)))
    : [];
  const names = new Map(named.map((a) => [a.id, a]));
  const costByAgent = ids
    .map((agentId) => ({
      agentId,
      name: names.get(agentId)?.name ?? null,
      archived: Boolean(names.get(agentId)?.archivedAt),
      ...perAgent.get(agentId)!,
    }))
    .sort((a, b) => b.costMicros - a.costMicros || b.tokens - a.tokens || a.agentId.localeCompare(b.agentId));

  const catalogue = await ctx.tx
    .select({ id: plans.id, name: plans.name, priceMonthlyCents: plans.priceMonthlyCents, currency: plans.currency, limits: plans.limits })
    .from(plans)
    .orderBy(asc(plans.sortOrder), asc(plans.id));

  const figure = (f: (typeof quota.figures)["runs"]) => ({ ...f, resetsAt: iso(f.resetsAt) });
  return {
    plan,
    limits: effective,
    period: { start: period.start.toISOString(), end: period.end.toISOString() },
    figures: {
      runs: figure(quota.figures.runs),
      tokens: figure(quota.figures.tokens),
      agents: figure(quota.figures.agents),
      seats: figure(quota.figures.seats),
    },
    subscription: subscription
      ? {
          status: subscription.status,
          planId: subscription.planId,
          currentPeriodStart: iso(subscription.currentPeriodStart),
          currentPeriodEnd: iso(subscription.currentPeriodEnd),
          cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
          paymentFailedAt: iso(subscription.paymentFailedAt),
          graceUntil: iso(subscription.graceUntil),
        }
      : null,
    paymentProblem: paymentProblemOf(subscription),
    invoices: invoiceRows.slice(0, INVOICES_SHOWN).map((row) => ({
      id: row.id,
      number: row.number,
      status: row.status,
      currency: row.currency,
      amountDue: row.amountDue,
      amountPaid: row.amountPaid,
      hostedInvoiceUrl: httpsOnly(row.hostedInvoiceUrl),
      invoicePdf: httpsOnly(row.invoicePdf),
      periodStart: iso(row.periodStart),
      periodEnd: iso(row.periodEnd),
      issuedAt: row.issuedAt.toISOString(),
    })),
    moreInvoices: invoiceRows.length > INVOICES_SHOWN,
    daily: daily.map((d) => ({ day: d.day, runs: d.runs, tokens: d.inputTokens + d.outputTokens, costMicros: d.costMicros })),
    costByAgent,
    plans: catalogue,
    billingConfigured: isBillingConfigured(),
  };
}
