import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Table, Td, Th } from "@/components/ui/table";
import type { RunDto } from "@/server/runs/dto";
import { formatMicroUsd, oneLine } from "./format";
import { RiskBadge, RunStatusBadge } from "./run-badges";

/** The runs of a page: each row links to its detail. On a phone the table scrolls sideways in its card. */
export async function RunsTable({ items, base }: { items: RunDto[]; base: string }) {
  const t = await getTranslations("runs");
  const format = await getFormatter();
  return (
    <Table caption={t("table")}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t("when")}</Th>
          <Th>{t("agent")}</Th>
          <Th>{t("input")}</Th>
          <Th>{t("status")}</Th>
          <Th>{t("risk")}</Th>
          <Th className="text-right">{t("trust")}</Th>
          <Th className="text-right">{t("tokens")}</Th>
          <Th className="text-right">{t("latency")}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((run) => (
          <tr key={run.id} className="hover:bg-slate-50">
            <Td className="whitespace-nowrap">
              <Link href={`${base}/${run.id}`} className="font-medium text-brand-700 hover:underline">
                {format.dateTime(new Date(run.createdAt), { dateStyle: "medium", timeStyle: "short" })}
              </Link>
            </Td>
            <Td className="whitespace-nowrap">{run.agentName ?? t("unknownAgent")}</Td>
            <Td className="min-w-48 max-w-md">
              <span className="line-clamp-2 break-words">{oneLine(run.input)}</span>
            </Td>
            <Td>
              <RunStatusBadge status={run.status} />
            </Td>
            <Td>
              <RiskBadge level={run.riskLevel} />
            </Td>
            <Td className="text-right tabular-nums">{run.trustScore ?? "—"}</Td>
            <Td className="whitespace-nowrap text-right tabular-nums">
              {format.number(run.inputTokens + run.outputTokens)}
              <span className="sr-only"> · </span>
              <span className="block text-xs text-slate-500">${formatMicroUsd(run.costMicros)}</span>
            </Td>
            <Td className="whitespace-nowrap text-right tabular-nums">
              {run.latencyMs === null ? "—" : t("detail.ms", { ms: format.number(run.latencyMs) })}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
