import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CostByAgent } from "@/components/billing/cost-by-agent";
import { CurrentPlan } from "@/components/billing/current-plan";
import { InvoiceList } from "@/components/billing/invoice-list";
import { formatMicros } from "@/components/billing/money";
import { PlanActions } from "@/components/billing/plan-actions";
import { PaymentBanner } from "@/components/billing/payment-banner";
import { PlanCatalogue } from "@/components/billing/plan-catalogue";
import { QuotaBars } from "@/components/billing/quota-bars";
import { UsageChart } from "@/components/billing/usage-chart";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("billing");

/** A YYYY-MM-DD (UTC day) as a Date at its midnight, for the formatter. */
const dayDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** The organisation's plan, usage against its quotas, daily usage, cost per agent, plans and invoices (owners and admins). */
export default async function BillingPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { caller, can } = await tenantAccess(slug);
  if (!can("billing:read")) notFound();
  const [overview, t, tCommon, format] = await Promise.all([
    load(caller.billing.overview()),
    getTranslations("billing"),
    getTranslations("common"),
    getFormatter(),
  ]);
  const base = `/t/${slug}`;
  const planName = (plan: { id: string; name: string }) =>
    tCommon.has(`plans.${plan.id}`) ? tCommon(`plans.${plan.id}` as "plans.free") : plan.name;
  const currency = overview.plan.currency;

  const { daily } = overview;
  const totalRuns = daily.reduce((sum, d) => sum + d.runs, 0);
  const peak = daily.reduce<(typeof daily)[number] | null>((best, d) => (d.runs > (best?.runs ?? 0) ? d : best), null);
  const longDay = (day: string) => format.dateTime(dayDate(day), { dateStyle: "medium", timeZone: "UTC" });
  const shortDay = (day: string) => format.dateTime(dayDate(day), { month: "numeric", day: "numeric", timeZone: "UTC" });
  const range = { from: longDay(daily[0]!.day), to: longDay(daily[daily.length - 1]!.day) };
  const summary = peak
    ? t("chart.summary", { ...range, total: totalRuns, peakDay: longDay(peak.day), peak: format.number(peak.runs) })
    : t("chart.summaryEmpty", range);

  return (
    <div className="space-y-6">
      <PageHeader title={t("page.title")} description={t("page.lead")} />
      {overview.paymentProblem ? <PaymentBanner problem={overview.paymentProblem} billingHref={`${base}/billing`} portal /> : null}

      <div className="grid gap-6 xl:grid-cols-3">
        <Card>
          <CardHeader title={t("plan.title")} />
          <CardBody>
            <CurrentPlan overview={overview} planName={planName(overview.plan)} />
          </CardBody>
        </Card>
        <Card className="xl:col-span-2">
          <CardHeader title={t("quota.title")} description={t("quota.lead")} />
          <CardBody>
            <QuotaBars figures={overview.figures} />
          </CardBody>
        </Card>
      </div>

      <Card>
        <CardHeader title={t("chart.title")} description={t("chart.lead")} />
        <CardBody>
          {totalRuns === 0 ? (
            <EmptyState title={t("chart.empty")} description={summary} />
          ) : (
            <UsageChart
              data={daily.map((d) => ({
                label: shortDay(d.day),
                runs: d.runs,
                tokens: format.number(d.tokens),
                cost: formatMicros(format, d.costMicros, currency),
              }))}
              summary={summary}
              caption={t("chart.caption")}
              headers={{ day: t("chart.day"), runs: t("chart.runs"), tokens: t("chart.tokens"), cost: t("chart.cost") }}
            />
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("agents.title")} description={t("agents.lead")} />
        <CostByAgent lines={overview.costByAgent} currency={currency} base={base} />
      </Card>

      <section id="plans" aria-labelledby="plans-title" className="scroll-mt-6">
        <Card>
          <CardHeader title={<span id="plans-title">{t("plans.title")}</span>} description={t("plans.lead")} />
          <CardBody>
            <PlanCatalogue
              plans={overview.plans}
              currentPlanId={overview.plan.id}
              planName={planName}
              actions={
                <PlanActions
                  tenantSlug={slug}
                  currentPlanId={overview.plan.id}
                  plans={overview.plans.map((plan) => ({ ...plan, name: planName(plan) }))}
                  billingConfigured={overview.billingConfigured}
                />
              }
            />
          </CardBody>
        </Card>
      </section>

      <Card>
        <CardHeader title={t("invoices.title")} />
        <InvoiceList invoices={overview.invoices} more={overview.moreInvoices} />
      </Card>
    </div>
  );
}
