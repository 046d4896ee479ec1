import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { WEBHOOK_DELIVERY_STATUSES, type WebhookDeliveryStatus } from "@/server/webhooks/statuses";
import { DeliveryStatusBadge, EndpointStatusBadge } from "@/components/webhooks/badges";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("webhook");

/** How long the endpoint had been failing when it was switched off, in whole hours. */
const failingHours = (since: string | null, at: string | null) =>
  since && at ? Math.max(0, Math.round((new Date(at).getTime() - new Date(since).getTime()) / 3_600_000)) : 0;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One endpoint: what it receives, its health (and the banner when it was switched off), its actions and its delivery log. */
export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<{ cursor?: string; status?: string }>;
}) {
  const { tenant: slug, id } = await params;
  if (!UUID.test(id)) notFound();
  const { cursor, status: statusParam } = await searchParams;
  const status = WEBHOOK_DELIVERY_STATUSES.includes(statusParam as WebhookDeliveryStatus)
    ? (statusParam as WebhookDeliveryStatus)
    : undefined;
  const { caller, can } = await tenantAccess(slug);
  const t = await getTranslations("webhooks");
  const format = await getFormatter();
  const endpoint = await load(caller.webhooks.get({ id }));
  const deliveries = await load(caller.webhooks.deliveries({ id, cursor, limit: 25, status }));
  const base = `/t/${slug}`;
  const here = `${base}/webhooks/${id}`;
  const keep = status ? `status=${status}&` : "";
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" });
  return (
    <div className="space-y-6">
      <Link href={`${base}/webhooks`} className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 space-y-2">
          <h1 className="break-all text-xl font-semibold tracking-tight text-slate-900">{endpoint.url}</h1>
          <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <EndpointStatusBadge status={endpoint.status} />
            <span>{t("failureStreak", { count: endpoint.failureStreak })}</span>
          </div>
          {endpoint.description ? <p className="text-sm text-slate-600">{endpoint.description}</p> : null}
        </div>
        {can("webhook:manage") ? (
          <EndpointActions id={endpoint.id} host={new URL(endpoint.url).hostname} status={endpoint.status} base={base} />
        ) : null}
      </div>
      {endpoint.status === "disabled" ? (
        <Alert tone={endpoint.disabledReason === "failures" ? "error" : "warning"}>
          {endpoint.disabledReason === "failures"
            ? t("disabledBanner", {
                hours: failingHours(endpoint.failingSince, endpoint.disabledAt),
                count: endpoint.failureStreak,
              })
            : t("disabledByAdmin")}
        </Alert>
      ) : null}
      <Card>
        <CardHeader title={t("subscribed")} />
        <CardBody className="space-y-3">
          <div className="flex flex-wrap gap-1">
            {endpoint.eventTypes.map((type) => (
              <span key={type} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                {type}
              </span>
            ))}
          </div>
          {endpoint.filters.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noFilters")}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {endpoint.filters.map((filter, i) => (
                <li key={i} className="font-mono text-xs">
                  {filter.field} {t(`ops.${filter.op}`)} {"value" in filter ? JSON.stringify(filter.value) : ""}
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("deliveries")} description={t("deliveriesLead")} />
        <nav aria-label={t("status")} className="flex flex-wrap gap-1 px-5 pb-3">
          {[undefined, ...WEBHOOK_DELIVERY_STATUSES].map((s) => (
            <Link
              key={s ?? "all"}
              href={s ? `${here}?status=${s}` : here}
              aria-current={s === status ? "page" : undefined}
              className={buttonClasses(s === status ? "primary" : "ghost", "sm")}
            >
              {s ? t(`deliveryStatuses.${s}`) : t("allStatuses")}
            </Link>
          ))}
        </nav>
        {deliveries.items.length === 0 ? (
          <EmptyState
            title={status ? t("noMatchTitle") : t("noDeliveriesTitle")}
            description={status ? undefined : t("noDeliveriesBody")}
          />
        ) : (
          <Table caption={t("deliveries")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("event")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("code")}</Th>
                <Th>{t("latency")}</Th>
                <Th>{t("attempts")}</Th>
                <Th>{t("time")}</Th>
                <Th className="text-right">
                  <span className="sr-only">{t("view")}</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="webhook-deliveries">
              {deliveries.items.map((d) => (
                <tr key={d.id}>
                  <Td>
                    <span className="font-mono text-xs">{d.eventType}</span>
                    {d.kind !== "event" ? <span className="ml-2 text-xs text-slate-500">{t(`kinds.${d.kind}`)}</span> : null}
                  </Td>
                  <Td>
                    <DeliveryStatusBadge status={d.status} />
                  </Td>
                  <Td className="font-mono">{d.responseStatus ?? "—"}</Td>
                  <Td className="whitespace-nowrap">{d.latencyMs !== null ? t("ms", { ms: d.latencyMs }) : "—"}</Td>
                  <Td>{d.attempts}</Td>
                  <Td className="whitespace-nowrap">{when(d.lastAttemptAt ?? d.createdAt)}</Td>
                  <Td className="text-right">
                    <Link href={`${here}/deliveries/${d.id}`} className="text-brand-700 hover:underline">
                      {t("view")}
                    </Link>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          firstHref={cursor ? `?${keep}` : null}
          nextHref={deliveries.nextCursor ? `?${keep}cursor=${encodeURIComponent(deliveries.nextCursor)}` : null}
          firstLabel={t("newest")}
          nextLabel={t("older")}
        />
      </Card>
    </div>
  );
}
