import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { SeverityBadge, StatusBadge } from "@/components/incidents/badges";
import { IncidentFilters } from "@/components/incidents/incident-filters";
import { IncidentTitle } from "@/components/incidents/incident-title";
import { CursorPager } from "@/components/ui/cursor-pager";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";
import { dayRange, readIncidentSearch, searchQuery } from "./search";

export const generateMetadata = titled("incidents");

type Status = "open" | "acknowledged" | "resolved" | "false_positive";

export default async function IncidentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant: slug } = await params;
  const { search, cursor } = readIncidentSearch(await searchParams);
  const { caller } = await tenantAccess(slug);
  const t = await getTranslations("incidents");
  const format = await getFormatter();
  const page = await load(
    caller.incidents.list({
      limit: 25,
      cursor,
      status: search.status as Status | undefined,
      severity: search.severity as "low" | undefined,
      detector: search.detector as "pii" | undefined,
      ...dayRange(search),
    }),
  );
  const base = `/t/${slug}/incidents`;
  const filtered = Object.values(search).some(Boolean);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("lead")} />
      <Card className="p-5">
        <IncidentFilters action={base} search={search} />
      </Card>
      <Card>
        {page.items.length === 0 ? (
          filtered || cursor ? (
            <EmptyState title={t("noMatchTitle")} description={t("noMatchBody")} />
          ) : (
            <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
          )
        ) : (
          <Table caption={t("tableCaption")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("incident")}</Th>
                <Th>{t("severity")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("source")}</Th>
                <Th>{t("occurrences")}</Th>
                <Th>{t("lastSeen")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((incident) => (
                <tr key={incident.id} data-incident={incident.id}>
                  <Td>
                    <Link href={`${base}/${incident.id}`} className="font-medium text-brand-700 hover:underline">
                      <IncidentTitle title={incident.title} />
                    </Link>
                    <p className="text-xs text-slate-500">
                      {format.dateTime(new Date(incident.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                    </p>
                  </Td>
                  <Td>
                    <SeverityBadge severity={incident.severity} />
                  </Td>
                  <Td>
                    <StatusBadge status={incident.status} />
                  </Td>
                  <Td className="max-w-48 truncate">
                    {incident.agentName ?? incident.apiKeyName ?? incident.userEmail ?? (
                      <span className="text-slate-500">{t("unknownSource")}</span>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap tabular-nums">{t("occurrencesCount", { count: incident.occurrences })}</Td>
                  <Td className="whitespace-nowrap">{format.relativeTime(new Date(incident.lastSeenAt))}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          label={t("pagination")}
          firstHref={cursor ? searchQuery(search) : null}
          nextHref={page.nextCursor ? searchQuery(search, { cursor: page.nextCursor }) : null}
          firstLabel={t("newer")}
          nextLabel={t("older")}
        />
      </Card>
    </div>
  );
}
