import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { titled } from "@/app/page-title";
import { EventFilters } from "@/components/events/event-filters";
import { EventTable } from "@/components/events/event-table";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { eventListFilters, eventSearchQuery, isFiltered, parseEventSearch } from "@/server/events/event-search-params";
import { load, tenantAccess } from "@/server/http/rsc";

export const generateMetadata = titled("events");

const PAGE_SIZE = 50;

export default async function EventsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant: slug } = await params;
  const raw = await searchParams;
  const { search, problems } = parseEventSearch(raw);
  const rawOf = (key: string) => [raw[key]].flat()[0];
  const { caller, can } = await tenantAccess(slug);
  if (!can("event:read")) notFound();
  const t = await getTranslations("events");
  // A reversed range matches nothing: the form says why, and the list is not asked.
  const page = problems.range
    ? { items: [], nextCursor: null }
    : await load(caller.events.list({ ...eventListFilters(search), cursor: search.cursor, limit: PAGE_SIZE }));
  const base = `/t/${slug}/events`;
  const filters = { ...search, cursor: undefined };
  const filtered = isFiltered(search);

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("lead")}
        actions={
          <>
            <Link href={`${base}/dead-letters`} className={buttonClasses("secondary", "sm")}>
              {t("deadLetters.link")}
            </Link>
            {can("event:replay") ? (
              <Link href={`${base}/replay`} className={buttonClasses("secondary", "sm")}>
                {t("replay.link")}
              </Link>
            ) : null}
          </>
        }
      />
      <Card>
        <CardBody className="border-b border-slate-200">
          <EventFilters
            action={base}
            search={search}
            problems={problems}
            raw={{ type: rawOf("type"), from: rawOf("from"), to: rawOf("to") }}
          />
        </CardBody>
        {page.items.length === 0 ? (
          filtered || search.cursor ? (
            <EmptyState
              title={t("noMatchTitle")}
              description={t("noMatchBody")}
              action={
                <Link href={base} className={buttonClasses("secondary")}>
                  {t("filters.clear")}
                </Link>
              }
            />
          ) : (
            <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
          )
        ) : (
          <EventTable items={page.items} base={base} />
        )}
        <CursorPager
          label={t("pagination")}
          firstHref={search.cursor ? `${base}${eventSearchQuery(filters)}` : null}
          nextHref={page.nextCursor ? `${base}${eventSearchQuery(filters, { cursor: page.nextCursor })}` : null}
          firstLabel={`← ${t("newest")}`}
          nextLabel={`${t("older")} →`}
        />
      </Card>
    </div>
  );
}
