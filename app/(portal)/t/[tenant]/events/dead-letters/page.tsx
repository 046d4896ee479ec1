import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { titled } from "@/app/page-title";
import { DeadLetterActions } from "@/components/events/dead-letter-actions";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { DEAD_LETTER_STATUSES, type DeadLetterStatus } from "@/server/events/dead-letter-list";
import { load, tenantAccess } from "@/server/http/rsc";

export const generateMetadata = titled("deadLetters");

const STATUS_TONE = { open: "red", retried: "green", discarded: "neutral" } as const;

export default async function DeadLettersPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant: slug } = await params;
  const raw = await searchParams;
  const first = (key: string) => [raw[key]].flat()[0]?.slice(0, 600) || undefined;
  const statusParam = first("status");
  const status = (DEAD_LETTER_STATUSES as readonly string[]).includes(statusParam ?? "") ? (statusParam as DeadLetterStatus) : undefined;
  const cursor = first("cursor");
  const { caller, can } = await tenantAccess(slug);
  if (!can("event:read")) notFound();
  const [page, t, f] = await Promise.all([
    load(caller.events.deadLetters({ status, cursor, limit: 25 })),
    getTranslations("events"),
    getFormatter(),
  ]);
  const base = `/t/${slug}/events/dead-letters`;
  const query = (extra: Record<string, string | undefined>) => {
    const entries: [string, string | undefined][] = Object.entries({ status, ...extra });
    const params = new URLSearchParams(entries.filter((e): e is [string, string] => Boolean(e[1])));
    return params.size ? `${base}?${params}` : base;
  };

  return (
    <div className="space-y-6">
      <div>
        <Link href={`/t/${slug}/events`} className="text-sm text-brand-700 hover:underline">
          ← {t("detail.back")}
        </Link>
      </div>
      <PageHeader title={t("deadLetters.title")} description={t("deadLetters.lead")} />
      <nav aria-label={t("deadLetters.statusFilter")} className="flex flex-wrap gap-2">
        {[undefined, ...DEAD_LETTER_STATUSES].map((s) => (
          <Link
            key={s ?? "all"}
            href={s ? `${base}?status=${s}` : base}
            aria-current={s === status ? "page" : undefined}
            className="rounded-full px-3 py-1 text-sm ring-1 ring-slate-200 hover:bg-slate-50 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700 aria-[current=page]:ring-brand-200"
          >
            {s ? t(`deadLetters.statuses.${s}`) : t("deadLetters.all")}
          </Link>
        ))}
      </nav>
      <Card>
        {page.items.length === 0 ? (
          <EmptyState
            title={status || cursor ? t("deadLetters.noMatchTitle") : t("deadLetters.emptyTitle")}
            description={status || cursor ? undefined : t("deadLetters.emptyBody")}
          />
        ) : (
          <Table caption={t("deadLetters.tableCaption")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("deadLetters.failedAt")}</Th>
                <Th>{t("deadLetters.function")}</Th>
                <Th>{t("deadLetters.event")}</Th>
                <Th>{t("deadLetters.error")}</Th>
                <Th>{t("deadLetters.status")}</Th>
                <Th>
                  <span className="sr-only">{t("deadLetters.actions")}</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((item) => (
                <tr key={item.id} data-dead-letter={item.id}>
                  <Td className="whitespace-nowrap">
                    <time dateTime={item.failedAt}>
                      {f.dateTime(new Date(item.failedAt), { dateStyle: "medium", timeStyle: "medium" })}
                    </time>
                    {item.attempts ? <p className="text-xs text-slate-500">{t("deadLetters.attempts", { count: item.attempts })}</p> : null}
                  </Td>
                  <Td>
                    <code className="font-mono text-xs">{item.functionId}</code>
                  </Td>
                  <Td>
                    {item.eventId ? (
                      <Link href={`/t/${slug}/events/${item.eventId}`} className="font-mono text-xs text-brand-700 hover:underline">
                        {item.eventName}
                      </Link>
                    ) : (
                      <code className="font-mono text-xs">{item.eventName}</code>
                    )}
                  </Td>
                  <Td className="max-w-md">
                    <p className="font-medium text-slate-800">{item.error.name}</p>
                    <p className="break-words text-xs text-slate-600">{item.error.message}</p>
                  </Td>
                  <Td>
                    <Badge tone={STATUS_TONE[item.status]}>{t(`deadLetters.statuses.${item.status}`)}</Badge>
                    {item.retryEventId ? (
                      <Link href={`/t/${slug}/events/${item.retryEventId}`} className="block text-xs text-brand-700 hover:underline">
                        {t("deadLetters.retryEvent")}
                      </Link>
                    ) : null}
                  </Td>
                  <Td>
                    {item.status === "open" && can("event:replay") ? <DeadLetterActions id={item.id} event={item.eventName} /> : null}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          label={t("pagination")}
          firstHref={cursor ? query({}) : null}
          nextHref={page.nextCursor ? query({ cursor: page.nextCursor }) : null}
          firstLabel={`← ${t("newest")}`}
          nextLabel={`${t("older")} →`}
        />
      </Card>
    </div>
  );
}
