import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AgentStatusBadge } from "@/components/agents/status-badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { CursorPager } from "@/components/ui/cursor-pager";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { AGENT_STATUSES, type AgentStatus } from "@/server/agents/constants";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("agents");

const PAGE_SIZE = 25;

const first = (value: string | string[] | undefined) => [value].flat()[0];

export default async function AgentsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant: slug } = await params;
  const raw = await searchParams;
  // The URL is the state: a filtered view can be bookmarked and works before JavaScript loads.
  const q = (first(raw.q) ?? "").trim().slice(0, 100);
  const status = AGENT_STATUSES.find((s) => s === first(raw.status)) as AgentStatus | undefined;
  const showArchived = first(raw.archived) === "include";
  const cursor = first(raw.cursor);
  const { caller, can } = await tenantAccess(slug);
  if (!can("agent:read")) notFound();
  const [page, t, format] = await Promise.all([
    load(
      caller.agents.list({
        q: q || undefined,
        status,
        archived: showArchived ? "include" : "exclude",
        cursor,
        limit: PAGE_SIZE,
      }),
    ),
    getTranslations("agents"),
    getFormatter(),
  ]);
  const base = `/t/${slug}/agents`;
  const query = (extra: Record<string, string | undefined> = {}) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ q: q || undefined, status, archived: showArchived ? "include" : undefined, ...extra }))
      if (value) params.set(key, value);
    const text = params.toString();
    return text ? `?${text}` : "";
  };
  const filtered = Boolean(q || status);

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("lead")}
        actions={
          can("agent:create") ? (
            <Link href={`${base}/new`} className={buttonClasses("primary")}>
              {t("newAgent")}
            </Link>
          ) : null
        }
      />
      <Card>
        <CardBody className="border-b border-slate-200">
          <form method="get" action={base} aria-label={t("filters")} className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <div className="flex-1">
              <Field label={t("search")}>
                {(p) => <Input {...p} type="search" name="q" defaultValue={q} maxLength={100} placeholder={t("searchPlaceholder")} />}
              </Field>
            </div>
            <div className="sm:w-48">
              <Field label={t("status")}>
                {(p) => (
                  <Select {...p} name="status" defaultValue={status ?? ""}>
                    <option value="">{t("anyStatus")}</option>
                    {AGENT_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {t(`statuses.${s}`)}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
            {showArchived ? <input type="hidden" name="archived" value="include" /> : null}
            <div className="flex items-center gap-2">
              <Button type="submit">{t("apply")}</Button>
              {filtered ? (
                <Link href={`${base}${showArchived ? "?archived=include" : ""}`} className={buttonClasses("ghost", "sm")}>
                  {t("clear")}
                </Link>
              ) : null}
            </div>
          </form>
          <div className="mt-3 flex justify-end">
            <Link href={`${base}${query({ archived: showArchived ? "" : "include" })}`} className={buttonClasses("ghost", "sm")}>
              {showArchived ? t("hideArchived") : t("showArchived")}
            </Link>
          </div>
        </CardBody>
        {page.items.length === 0 ? (
          filtered || cursor ? (
            <EmptyState
              title={t("noMatchTitle")}
              description={t("noMatchBody")}
              action={
                <Link href={base} className={buttonClasses("secondary")}>
                  {t("clear")}
                </Link>
              }
            />
          ) : (
            <EmptyState
              title={t("emptyTitle")}
              description={can("agent:create") ? t("emptyBody") : t("emptyViewer")}
              action={
                can("agent:create") ? (
                  <Link href={`${base}/new?template=customer-service`} className={buttonClasses("primary")}>
                    {t("createFromTemplate")}
                  </Link>
                ) : null
              }
            />
          )
        ) : (
          <Table caption={t("tableCaption")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("name")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("model")}</Th>
                <Th>{t("version")}</Th>
                <Th>{t("updated")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((agent) => (
                <tr key={agent.id}>
                  <Td>
                    <Link href={`${base}/${agent.id}`} className="font-medium text-brand-700 hover:underline">
                      {agent.name}
                    </Link>
                    {agent.description ? <p className="line-clamp-2 max-w-md text-xs text-slate-500">{agent.description}</p> : null}
                  </Td>
                  <Td>
                    <AgentStatusBadge status={agent.status} archived={agent.archivedAt !== null} />
                  </Td>
                  <Td className="whitespace-nowrap font-mono text-xs">
                    {agent.provider}/{agent.model}
                  </Td>
                  <Td className="whitespace-nowrap">{t("versionNumber", { version: agent.currentVersion })}</Td>
                  <Td className="whitespace-nowrap">{format.relativeTime(new Date(agent.updatedAt))}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          label={t("pagination")}
          firstHref={cursor ? `${base}${query()}` : null}
          nextHref={page.nextCursor ? `${base}${query({ cursor: page.nextCursor })}` : null}
          firstLabel={<>← {t("newestAgents")}</>}
          nextLabel={<>{t("olderAgents")} →</>}
        />
      </Card>
    </div>
  );
}
