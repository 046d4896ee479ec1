import { getFormatter, getTranslations } from "next-intl/server";
import type { BillingOverview } from "@/server/billing/billing-overview-dto";

const METRICS = ["runs", "tokens", "agents", "seats"] as const;

/** 80 % and over is a warning, 100 % and over is the limit: colour and words both say so. */
export function quotaLevel(used: number, limit: number | null): "ok" | "near" | "reached" {
  if (limit === null) return "ok";
  if (used >= limit) return "reached";
  return used >= limit * 0.8 ? "near" : "ok";
}

const FILL: Record<ReturnType<typeof quotaLevel>, string> = { ok: "fill-brand-500", near: "fill-amber-500", reached: "fill-red-600" };

/**
 * Usage against each quota as a progress bar (role=progressbar with its values and a text value,
 * so a screen reader hears "120 of 1,000 used (12%)"); unlimited quotas say so instead of a bar.
 */
export async function QuotaBars({ figures }: { figures: BillingOverview["figures"] }) {
  const [t, format] = await Promise.all([getTranslations("billing.quota"), getFormatter()]);
  const num = (n: number) => format.number(n);
  return (
    <ul className="space-y-5" data-testid="quota-bars">
      {METRICS.map((metric) => {
        const { used, limit } = figures[metric];
        const level = quotaLevel(used, limit);
        const percent = limit === null ? 0 : limit === 0 ? 100 : Math.round((used / limit) * 100);
        const labelId = `quota-${metric}`;
        return (
          <li key={metric} data-metric={metric} data-level={level}>
            <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
              <span id={labelId} className="font-medium text-slate-900">
                {t(`metrics.${metric}`)}
              </span>
              <span className="tabular-nums text-slate-700">
                {limit === null ? t("usedUnlimited", { used: num(used) }) : t("usedOf", { used: num(used), limit: num(limit) })}
                {level === "near" ? <span className="ml-2 font-medium text-amber-800">{t("near")}</span> : null}
                {level === "reached" ? <span className="ml-2 font-medium text-red-700">{t("reached")}</span> : null}
              </span>
            </div>
            {limit === null ? (
              <p className="mt-1 text-xs text-slate-500">{t("unlimited")}</p>
            ) : (
              <div
                role="progressbar"
                aria-labelledby={labelId}
                aria-valuemin={0}
                aria-valuemax={limit}
                aria-valuenow={Math.min(used, limit)}
                aria-valuetext={t("valueText", { used: num(used), limit: num(limit), percent: num(percent) })}
                className="mt-2 h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
              >
                {/* An SVG width, not a style attribute: the CSP allows no inline styles. */}
                <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" className="block h-full w-full">
                  <rect x="0" y="0" height="10" width={Math.min(100, percent)} className={FILL[level]} />
                </svg>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
