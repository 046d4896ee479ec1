import type { ReactNode } from "react";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { BillingOverview } from "@/server/billing/billing-overview-dto";
import { formatMinor } from "./money";

/**
 * The catalogue side by side, the current plan marked. The buttons that change plan are the
 * stripe helper's client component (`plan-actions.tsx`), passed in as `actions`.
 */
export async function PlanCatalogue({
  plans,
  currentPlanId,
  planName,
  actions,
}: {
  plans: BillingOverview["plans"];
  currentPlanId: string;
  planName: (plan: { id: string; name: string }) => string;
  actions: ReactNode;
}) {
  const [t, format] = await Promise.all([getTranslations("billing.plans"), getFormatter()]);
  const num = (n: number) => format.number(n);
  const line = (value: number | null, key: "runsPerMonth" | "tokensPerMonth" | "agents" | "seats", unlimited: string) =>
    value === null ? unlimited : t(key, { value: num(value) });
  return (
    <div className="space-y-4">
      <ul className="grid gap-4 md:grid-cols-3">
        {plans.map((plan) => {
          const current = plan.id === currentPlanId;
          return (
            <li
              key={plan.id}
              data-plan={plan.id}
              className={cn("rounded-lg p-4 ring-1", current ? "bg-brand-50 ring-brand-500" : "bg-white ring-slate-200")}
            >
              <div className="flex items-center justify-between gap-2">
                <h3 className="font-semibold text-slate-900">{planName(plan)}</h3>
                {current ? <Badge tone="brand">{t("current")}</Badge> : null}
              </div>
              <p className="mt-1 text-sm text-slate-700">
                {plan.priceMonthlyCents === 0
                  ? t("noCharge")
                  : t("perMonth", { price: formatMinor(format, plan.priceMonthlyCents, plan.currency) })}
              </p>
              <ul className="mt-3 space-y-1 text-sm text-slate-600">
                <li>{line(plan.limits.runsPerMonth, "runsPerMonth", t("unlimitedRuns"))}</li>
                <li>{line(plan.limits.tokensPerMonth, "tokensPerMonth", t("unlimitedTokens"))}</li>
                <li>{line(plan.limits.agents, "agents", t("unlimitedAgents"))}</li>
                <li>{line(plan.limits.seats, "seats", t("unlimitedSeats"))}</li>
              </ul>
            </li>
          );
        })}
      </ul>
      {actions}
    </div>
  );
}
