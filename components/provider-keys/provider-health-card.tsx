import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";

type Model = { provider: "local" | "openai" | "anthropic"; model: string };
type HealthItem = {
  provider: string;
  model: string;
  calls: number;
  errors: number;
  errorRate: number;
  skipped: number;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  circuit: "closed" | "open" | "half_open";
};

const CIRCUIT_TONE = { closed: "green", half_open: "amber", open: "red" } as const;

/**
 * An agent's models (primary, then fallbacks, then any others its recent runs used) with their
 * recent error rate, median and p95 latency and circuit-breaker state, from
 * `providerHealth.get` (server/agents/providers/get-provider-health.ts).
 */
export async function ProviderHealthCard({ models, health, windowHours }: { models: Model[]; health: HealthItem[]; windowHours: number }) {
  const t = await getTranslations("providers.health");
  const format = await getFormatter();
  const key = (m: { provider: string; model: string }) => `${m.provider}\0${m.model}`;
  const byKey = new Map(health.map((h) => [key(h), h]));
  const configured = new Set(models.map(key));
  const rows = [
    ...models.map((m, i) => ({ ...m, role: i === 0 ? t("primary") : t("fallback", { n: i }), item: byKey.get(key(m)) ?? null })),
    ...health.filter((h) => !configured.has(key(h))).map((h) => ({ provider: h.provider, model: h.model, role: t("earlier"), item: h })),
  ];
  const ms = (value: number | null) => (value === null ? "—" : t("ms", { value: format.number(Math.round(value)) }));
  return (
    <Card>
      <CardHeader title={t("title")} description={t("lead", { hours: windowHours })} />
      <Table caption={t("title")}>
        <thead className="bg-slate-50">
          <tr>
            <Th>{t("model")}</Th>
            <Th className="text-right">{t("calls")}</Th>
            <Th className="text-right">{t("errorRate")}</Th>
            <Th className="text-right">{t("p50")}</Th>
            <Th className="text-right">{t("p95")}</Th>
            <Th>{t("circuit")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={`${row.role}-${key(row)}`}>
              <Td>
                <p className="break-all font-medium text-slate-900">
                  {row.provider} · {row.model}
                </p>
                <p className="text-xs text-slate-500">{row.role}</p>
              </Td>
              <Td className="whitespace-nowrap text-right">
                {row.item ? format.number(row.item.calls) : "—"}
                {row.item?.skipped ? <p className="text-xs text-slate-500">{t("skipped", { n: row.item.skipped })}</p> : null}
              </Td>
              <Td className="whitespace-nowrap text-right">
                {row.item && row.item.calls > 0 ? format.number(row.item.errorRate, { style: "percent", maximumFractionDigits: 1 }) : "—"}
              </Td>
              <Td className="whitespace-nowrap text-right">{ms(row.item?.p50LatencyMs ?? null)}</Td>
              <Td className="whitespace-nowrap text-right">{ms(row.item?.p95LatencyMs ?? null)}</Td>
              <Td>
                {row.item ? (
                  <Badge tone={CIRCUIT_TONE[row.item.circuit]}>{t(`circuits.${row.item.circuit}`)}</Badge>
                ) : (
                  <span className="text-xs text-slate-500">{t("noCalls")}</span>
                )}
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
}
