import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { RulesEditor } from "@/components/playbooks/rules-editor";
import { UndoResponseButton } from "@/components/playbooks/undo-response-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("playbooks");

/** The incident-response playbooks (editable by admins) and what they did, each with an Undo. */
export default async function PlaybooksPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { tenant: slug } = await params;
  const { cursor } = await searchParams;
  const { caller, can } = await tenantAccess(slug);
  if (!can("playbook:read")) notFound();
  const t = await getTranslations("playbooks");
  const format = await getFormatter();
  const [view, responses] = await Promise.all([load(caller.playbooks.get()), load(caller.playbooks.responses({ cursor, limit: 25 }))]);
  const base = `/t/${slug}`;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const targetHref = (type: string, id: string) =>
    type === "agent" ? `${base}/agents/${id}` : type === "api_key" ? `${base}/api-keys` : `${base}/incidents/${id}`;
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("lead")} />
      <Card>
        <CardHeader
          title={t("rulesTitle")}
          description={
            <>
              {t("rulesLead")}
              {view.updatedAt ? (
                <span className="block text-xs text-slate-500">
                  {t("lastUpdated", { when: format.relativeTime(new Date(view.updatedAt)) })}
                </span>
              ) : null}
            </>
          }
        />
        <CardBody>
          <RulesEditor rules={view.rules} defaults={view.defaults} canEdit={can("playbook:manage")} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("responsesTitle")} description={t("responsesLead")} />
        {responses.items.length === 0 ? (
          <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
        ) : (
          <Table caption={t("responsesCaption")}>
            <thead>
              <tr>
                <Th>{t("when")}</Th>
                <Th>{t("action")}</Th>
                <Th>{t("target")}</Th>
                <Th>{t("incident")}</Th>
                <Th>{t("state")}</Th>
                <Th className="text-right">
                  <span className="sr-only">{t("undo")}</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {responses.items.map((r) => (
                <tr key={r.id} data-response={r.rule}>
                  <Td className="whitespace-nowrap">{when(r.createdAt)}</Td>
                  <Td>
                    <p className="font-medium text-slate-900">{t(`rules.${r.rule}`)}</p>
                    <p className="text-xs text-slate-500">
                      {t("observed")}: {r.observed}
                    </p>
                  </Td>
                  <Td>
                    <p className="text-xs text-slate-500">{t(`targets.${r.targetType}`)}</p>
                    <Link href={targetHref(r.targetType, r.targetId)} className="text-brand-700 hover:underline">
                      {r.targetType === "incident" ? r.targetId.slice(0, 8) : (r.targetName ?? t("deletedTarget"))}
                    </Link>
                  </Td>
                  <Td>
                    <Link href={`${base}/incidents/${r.incidentId}`} className="text-brand-700 hover:underline">
                      {t("viewIncident")}
                    </Link>
                  </Td>
                  <Td>
                    {!r.reversible ? (
                      <Badge>{t("notReversible")}</Badge>
                    ) : r.undoneAt ? (
                      <span className="text-xs text-slate-600">
                        {r.undoneBy
                          ? t("undoneBy", { who: r.undoneBy, when: when(r.undoneAt) })
                          : t("undoneBySomeone", { when: when(r.undoneAt) })}
                      </span>
                    ) : (
                      <Badge tone="amber">{t("active")}</Badge>
                    )}
                  </Td>
                  <Td className="text-right">
                    {r.reversible && !r.undoneAt && r.rule !== "notify_admins" && can("playbook:manage") ? (
                      <UndoResponseButton id={r.id} rule={r.rule} />
                    ) : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          firstHref={cursor ? "?" : null}
          nextHref={responses.nextCursor ? `?cursor=${encodeURIComponent(responses.nextCursor)}` : null}
          firstLabel={t("newerResponses")}
          nextLabel={t("olderResponses")}
        />
      </Card>
    </div>
  );
}
