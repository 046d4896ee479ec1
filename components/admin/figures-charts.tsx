"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

type Day = { day: string; runs: number; incidents: number };
type PlanRow = { planName: string; active: number; suspended: number; deleted: number };

/**
 * Charts draw only in the browser, after mount: they measure their box, and their inline
 * geometry is set through the DOM (allowed by the nonce-only style policy) rather than sent as
 * style attributes in the HTML (which the policy would block). Each chart has a table twin in the
 * page for screen readers and for anyone without the picture.
 */
const noSubscription = () => () => {};
function useMounted() {
  // False on the server and in the hydrating render, true once in the browser.
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

export function DailyChart({ data, series, label }: { data: Day[]; series: "runs" | "incidents"; label: string }) {
  const mounted = useMounted();
  return (
    <figure className="h-56 w-full" aria-label={label} data-testid={`chart-${series}`}>
      {mounted ? (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={11} minTickGap={16} />
            <YAxis allowDecimals={false} fontSize={11} width={40} />
            <Tooltip />
            <Bar dataKey={series} name={label} fill={series === "runs" ? "#4f46e5" : "#d97706"} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </figure>
  );
}

export function PlansChart({ data, label }: { data: PlanRow[]; label: string }) {
  const t = useTranslations("admin");
  const mounted = useMounted();
  return (
    <figure className="h-56 w-full" aria-label={label} data-testid="chart-plans">
      {mounted ? (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="planName" fontSize={11} />
            <YAxis allowDecimals={false} fontSize={11} width={40} />
            <Tooltip />
            <Legend />
            <Bar dataKey="active" stackId="s" name={t("statuses.active")} fill="#16a34a" isAnimationActive={false} />
            <Bar dataKey="suspended" stackId="s" name={t("statuses.suspended")} fill="#d97706" isAnimationActive={false} />
            <Bar dataKey="deleted" stackId="s" name={t("statuses.deleted")} fill="#94a3b8" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </figure>
  );
}
