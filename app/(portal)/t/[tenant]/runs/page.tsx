import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { titled } from "@/app/page-title";
import { RunFilters } from "@/components/runs/run-filters";
import { parseRunSearch, runListFilters, runSearchQuery } from "@/components/runs/run-search";
import { RunsTable } from "@/components/runs/runs-table";
import { CursorPager } from "@/components/ui/cursor-pager";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { load, tenantAccess } from "@/server/http/rsc";

export const generateMetadata = titled("runs");

const PAGE_SIZE = 25;

export default async function RunsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant: slug } = await params;
  const { search, problems } = parseRunSearch(await searchParams);
  const { caller, can } = await tenantAccess(slug);
  if (!can("run:read")) notFound();
  const [page, agents, t, tCommon] = await Promise.all([
    load(caller.runs.list({ ...runListFilters(search), cursor: search.cursor, limit: PAGE_SIZE })),
    can("agent:read") ? load(caller.agents.list({ limit: 200, archived: "include" })) : Promise.resolve({ items: [] }),
    getTranslations("runs"),
    getTranslations("common"),
  ]);
  const base = `/t/${slug}/runs`;
  const filters = { ...search, cursor: undefined };
  const filtered = Boolean(search.agentId || search.status || search.riskLevel || search.from || search.to);

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("lead")} />
      <Card>
        <CardBody className="border-b border-slate-200">
          <RunFilters action={base} search={search} problems={problems} agents={agents.items.map((a) => ({ id: a.id, name: a.name }))} />
        </CardBody>
        {page.items.length === 0 ? (
          filtered || search.cursor ? (
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
            <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
          )
        ) : (
          <RunsTable items={page.items} base={base} />
        )}
        <CursorPager
          label={t("pagination")}
          firstHref={search.cursor ? `${base}${runSearchQuery(filters)}` : null}
          nextHref={page.nextCursor !== null ? `${base}${runSearchQuery(filters, { cursor: page.nextCursor })}` : null}
          firstLabel={<>← {tCommon("firstPage")}</>}
          nextLabel={<>{tCommon("older")} →</>}
        />
      </Card>
    </div>
  );
}
