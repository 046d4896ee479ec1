import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { EndpointStatusBadge } from "@/components/webhooks/badges";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("webhooks");

/** The organisation's webhook endpoints, newest first, with their health. */
export default async function WebhooksPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { tenant: slug } = await params;
  const { cursor } = await searchParams;
  const { caller, can } = await tenantAccess(slug);
  const t = await getTranslations("webhooks");
  const format = await getFormatter();
  const endpoints = await load(caller.webhooks.list({ cursor, limit: 25 }));
  const base = `/t/${slug}`;
  const switchedOff = endpoints.items.filter((e) => e.status === "disabled" && e.disabledReason === "failures").length;
  const addLink = can("webhook:manage") ? (
    <Link href={`${base}/webhooks/new`} className={buttonClasses("primary")}>
      {t("add")}
    </Link>
  ) : null;
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("lead")} actions={addLink} />
      {switchedOff > 0 ? <Alert tone="error">{t("disabledListBanner", { count: switchedOff })}</Alert> : null}
      <Card>
        {endpoints.items.length === 0 ? (
          <EmptyState title={t("emptyTitle")} description={can("webhook:manage") ? t("emptyBody") : t("emptyViewer")} action={addLink} />
        ) : (
          <Table caption={t("title")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("url")}</Th>
                <Th>{t("events")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("lastSuccess")}</Th>
                <Th>{t("created")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {endpoints.items.map((endpoint) => (
                <tr key={endpoint.id}>
                  <Td className="max-w-xs">
                    <Link href={`${base}/webhooks/${endpoint.id}`} className="break-all font-medium text-brand-700 hover:underline">
                      {endpoint.url}
                    </Link>
                    {endpoint.description ? <p className="text-xs text-slate-500">{endpoint.description}</p> : null}
                  </Td>
                  <Td>
                    <div className="flex max-w-xs flex-wrap gap-1">
                      {endpoint.eventTypes.map((type) => (
                        <span key={type} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
                          {type}
                        </span>
                      ))}
                    </div>
                  </Td>
                  <Td>
                    <EndpointStatusBadge status={endpoint.status} />
                    <p className="mt-1 text-xs text-slate-500">{t("failureStreak", { count: endpoint.failureStreak })}</p>
                  </Td>
                  <Td className="whitespace-nowrap">
                    {endpoint.lastSuccessAt ? format.relativeTime(new Date(endpoint.lastSuccessAt)) : t("never")}
                  </Td>
                  <Td className="whitespace-nowrap">{format.dateTime(new Date(endpoint.createdAt), { dateStyle: "medium" })}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          firstHref={cursor ? "?" : null}
          nextHref={endpoints.nextCursor ? `?cursor=${encodeURIComponent(endpoints.nextCursor)}` : null}
          firstLabel={t("newest")}
          nextLabel={t("older")}
        />
      </Card>
    </div>
  );
}
