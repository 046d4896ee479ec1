import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { BillingOverview } from "@/server/billing/billing-overview-dto";
import { formatMinor } from "./money";

/** The plan, its price, the quota period (UTC month) and, when there is one, the Stripe subscription and its period. */
export async function CurrentPlan({ overview, planName }: { overview: BillingOverview; planName: string }) {
  const [t, format] = await Promise.all([getTranslations("billing.plan"), getFormatter()]);
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeZone: "UTC" });
  const { plan, period, subscription } = overview;
  // The quota period's end is exclusive (00:00 on the 1st): the last day shown is the day before.
  const lastDay = new Date(new Date(period.end).getTime() - 1).toISOString();
  const rows: [string, React.ReactNode][] = [
    [
      t("name"),
      <Badge key="plan" tone="brand">
        {planName}
      </Badge>,
    ],
    [
      t("price"),
      plan.priceMonthlyCents === 0 ? t("free") : t("perMonth", { price: formatMinor(format, plan.priceMonthlyCents, plan.currency) }),
    ],
    [t("quotaPeriod"), t("quotaPeriodValue", { from: day(period.start), to: day(lastDay) })],
    [t("subscription"), subscription && subscription.status !== "none" ? t(`status.${subscription.status}`) : t("noSubscription")],
  ];
  if (subscription?.currentPeriodStart && subscription.currentPeriodEnd) {
    rows.push([t("billingPeriod"), `${day(subscription.currentPeriodStart)} – ${day(subscription.currentPeriodEnd)}`]);
  }
  return (
    <div className="space-y-3">
      <dl className="divide-y divide-slate-100 text-sm" data-testid="current-plan">
        {rows.map(([label, value]) => (
          <div key={label} className="flex items-baseline justify-between gap-4 py-2">
            <dt className="text-slate-600">{label}</dt>
            <dd className="text-right font-medium text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-500">{t("resets", { date: day(period.end) })}</p>
      {subscription?.cancelAtPeriodEnd && subscription.currentPeriodEnd ? (
        <p className="text-sm text-amber-800">{t("cancelsAtPeriodEnd", { date: day(subscription.currentPeriodEnd) })}</p>
      ) : null}
    </div>
  );
}
