import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { BillingOverview } from "@/server/billing/billing-overview-dto";
import { formatMicros } from "./money";

/** Cost per agent this period, costliest first; archived agents keep their name, a deleted one is said to be. */
export async function CostByAgent({ lines, currency, base }: { lines: BillingOverview["costByAgent"]; currency: string; base: string }) {
  const [t, format] = await Promise.all([getTranslations("billing.agents"), getFormatter()]);
  if (lines.length === 0) return <EmptyState title={t("empty")} />;
  return (
    <Table caption={t("title")}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t("agent")}</Th>
          <Th className="text-right">{t("runs")}</Th>
          <Th className="text-right">{t("tokens")}</Th>
          <Th className="text-right">{t("cost")}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {lines.map((line) => (
          <tr key={line.agentId}>
            <Td>
              {line.name === null ? (
                <span className="text-slate-500">{t("deleted")}</span>
              ) : (
                <Link href={`${base}/agents/${line.agentId}`} className="font-medium text-brand-700 hover:underline">
                  {line.name}
                </Link>
              )}
              {line.archived ? <span className="ml-2 text-xs text-slate-500">({t("archived")})</span> : null}
            </Td>
            <Td className="text-right tabular-nums">{format.number(line.runs)}</Td>
            <Td className="text-right tabular-nums">{format.number(line.tokens)}</Td>
            <Td className="text-right tabular-nums">{formatMicros(format, line.costMicros, currency)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
