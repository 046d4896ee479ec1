"use client";

import { useSyncExternalStore } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const noSubscription = () => () => {};

export type UsageDay = { label: string; runs: number; tokens: string; cost: string };

/**
 * The period's runs per UTC day (recharts, drawn in the browser). Like the overview's chart, the
 * picture is one image to assistive technology (`summary` says what it shows) and the figures are
 * in a visually hidden table, which is what a screen reader browses instead. Labels and numbers
 * arrive formatted, so the chart knows nothing about locales.
 *
 * Drawn only once mounted: recharts sizes its elements with style attributes, which the CSP
 * refuses in server-rendered markup (styles set from script are allowed).
 */
export function UsageChart({
  data,
  summary,
  caption,
  headers,
}: {
  data: UsageDay[];
  summary: string;
  caption: string;
  headers: { day: string; runs: string; tokens: string; cost: string };
}) {
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  return (
    <figure className="w-full" data-testid="usage-chart">
      <div role="img" aria-label={summary} className="h-60 w-full">
        {mounted ? (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
              <XAxis
                dataKey="label"
                tick={{ fontSize: 11, fill: "#64748b" }}
                tickLine={false}
                interval="preserveStartEnd"
                minTickGap={12}
              />
              <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} tickLine={false} axisLine={false} width={36} />
              <Tooltip cursor={{ fill: "#f1f5f9" }} formatter={(value) => [String(value), headers.runs]} />
              <Bar dataKey="runs" name={headers.runs} fill="var(--color-brand-500)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <figcaption className="mt-2 text-xs text-slate-600">{summary}</figcaption>
      <table className="sr-only">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{headers.day}</th>
            <th scope="col">{headers.runs}</th>
            <th scope="col">{headers.tokens}</th>
            <th scope="col">{headers.cost}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td>{d.runs}</td>
              <td>{d.tokens}</td>
              <td>{d.cost}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
