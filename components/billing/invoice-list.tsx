import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import type { BillingOverview } from "@/server/billing/billing-overview-dto";
import { formatMinor } from "./money";

const KNOWN = new Set(["draft", "open", "paid", "uncollectible", "void"]);
const TONE: Record<string, "green" | "amber" | "red"> = { paid: "green", open: "amber", uncollectible: "red" };

/** A link only to https: a URL that is anything else is shown as no link at all. */
const safe = (url: string | null) => (url && url.startsWith("https://") ? url : null);

/** Invoices newest first, amounts in their own currency as the reader's locale writes them. */
export async function InvoiceList({ invoices, more }: { invoices: BillingOverview["invoices"]; more: boolean }) {
  const [t, format] = await Promise.all([getTranslations("billing.invoices"), getFormatter()]);
  if (invoices.length === 0) return <EmptyState title={t("empty")} />;
  const day = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeZone: "UTC" });
  return (
    <div className="space-y-3">
      <Table caption={t("caption")}>
        <thead className="bg-slate-50">
          <tr>
            <Th>{t("number")}</Th>
            <Th>{t("issued")}</Th>
            <Th>{t("period")}</Th>
            <Th className="text-right">{t("amount")}</Th>
            <Th>{t("status")}</Th>
            <Th>{t("links")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {invoices.map((invoice) => {
            const view = safe(invoice.hostedInvoiceUrl);
            const pdf = safe(invoice.invoicePdf);
            return (
              <tr key={invoice.id}>
                <Td className="font-medium">{invoice.number ?? t("noNumber")}</Td>
                <Td>{day(invoice.issuedAt)}</Td>
                <Td>{invoice.periodStart && invoice.periodEnd ? `${day(invoice.periodStart)} – ${day(invoice.periodEnd)}` : "—"}</Td>
                <Td className="text-right tabular-nums">
                  {formatMinor(format, invoice.status === "paid" ? invoice.amountPaid : invoice.amountDue, invoice.currency)}
                </Td>
                <Td>
                  <Badge tone={TONE[invoice.status] ?? "neutral"}>
                    {KNOWN.has(invoice.status) ? t(`statuses.${invoice.status as "paid"}`) : invoice.status}
                  </Badge>
                </Td>
                <Td className="space-x-3 whitespace-nowrap">
                  {view ? (
                    <a href={view} target="_blank" rel="noopener noreferrer" className="text-brand-700 hover:underline">
                      {t("view")}
                    </a>
                  ) : null}
                  {pdf ? (
                    <a href={pdf} target="_blank" rel="noopener noreferrer" className="text-brand-700 hover:underline">
                      {t("pdf")}
                    </a>
                  ) : null}
                  {!view && !pdf ? "—" : null}
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
      {more ? <p className="text-sm text-slate-600">{t("more")}</p> : null}
    </div>
  );
}
