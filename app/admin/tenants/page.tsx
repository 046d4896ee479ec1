import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { load, requireUser, serverCaller } from "@/server/http/rsc";
import { titled } from "../../page-title";

export const generateMetadata = titled("adminTenants");

const STATUS_TONE = { active: "green", suspended: "amber", deleted: "red" } as const;
const SORTS = ["name", "created", "usage", "mrr"] as const;
type Sort = (typeof SORTS)[number];
type Params = { q?: string; sort?: string; dir?: string; page?: string };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

function hrefFor(p: { q?: string; sort: Sort; dir: "asc" | "desc"; page?: number }) {
  const qs = new URLSearchParams();
  if (p.q) qs.set("q", p.q);
  qs.set("sort", p.sort);
  qs.set("dir", p.dir);
  if (p.page && p.page > 1) qs.set("page", String(p.page));
  return `/admin/tenants?${qs.toString()}`;
}

/** Every organisation: search by name or address, sort by any column that matters, pages that keep both. */
export default async function AdminTenantsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser("/admin/tenants");
  if (!user.isPlatformAdmin) notFound();
  const raw = await searchParams;
  const params: Params = { q: first(raw.q), sort: first(raw.sort), dir: first(raw.dir), page: first(raw.page) };
  const sort: Sort = (SORTS as readonly string[]).includes(params.sort ?? "") ? (params.sort as Sort) : "created";
  const dir = params.dir === "asc" ? "asc" : "desc";
  const page = Math.max(1, Math.min(100_000, Number.parseInt(params.page ?? "1", 10) || 1));
  const q = params.q?.trim().slice(0, 100) || undefined;
  const caller = await serverCaller();
  const list = await load(caller.admin.tenants({ q, sort, dir, page, limit: 25 })).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") redirect("/admin/tenants");
    throw error;
  });
  const [t, tCommon, format] = await Promise.all([getTranslations("admin"), getTranslations("common"), getFormatter()]);
  const planLabel = (id: string, name: string) => (tCommon.has(`plans.${id}`) ? tCommon(`plans.${id}` as "plans.free") : name);
  const money = (cents: number, currency: string) => format.number(cents / 100, { style: "currency", currency: currency.toUpperCase() });

  const sortHeader = (key: Sort, label: string, className?: string) => {
    const active = sort === key;
    const nextDir = active && dir === "desc" ? "asc" : active ? "desc" : key === "name" ? "asc" : "desc";
    return (
      <Th className={className} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link href={hrefFor({ q, sort: key, dir: nextDir })} className="inline-flex items-center gap-1 hover:text-slate-900">
          {label}
          <span aria-hidden>{active ? (dir === "asc" ? "↑" : "↓") : "↕"}</span>
          <span className="sr-only">{t("sortBy", { column: label })}</span>
        </Link>
      </Th>
    );
  };

  return (
    <>
      <PageHeader title={t("tenantsTitle")} description={t("tenantsLead")} />
      <form method="get" action="/admin/tenants" role="search" className="mb-4 flex flex-wrap items-end gap-2">
        <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium text-slate-700 sm:max-w-sm">
          {t("search")}
          <Input type="search" name="q" defaultValue={q ?? ""} maxLength={100} placeholder={t("searchPlaceholder")} />
        </label>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <Button type="submit" variant="secondary">
          {t("searchButton")}
        </Button>
        {q ? (
          <Link href={hrefFor({ sort, dir })} className={buttonClasses("ghost", "md")}>
            {t("clearSearch")}
          </Link>
        ) : null}
      </form>
      <Card>
        {list.items.length === 0 ? (
          <EmptyState title={q ? t("noMatchTitle") : t("emptyTitle")} description={q ? t("noMatchBody", { q }) : t("emptyBody")} />
        ) : (
          <Table caption={t("tableCaption")}>
            <thead>
              <tr>
                {sortHeader("name", t("name"))}
                <Th>{t("plan")}</Th>
                <Th>{t("status")}</Th>
                <Th className="text-right">{t("members")}</Th>
                {sortHeader("usage", t("usage"), "text-right")}
                {sortHeader("mrr", t("mrr"), "text-right")}
                <Th>{t("lastActivity")}</Th>
                {sortHeader("created", t("created"))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.items.map((tenant) => (
                <tr key={tenant.id} data-testid="admin-tenant-row">
                  <Td className="font-medium text-slate-900">
                    <Link href={`/admin/tenants/${tenant.id}`} className="text-brand-700 hover:underline">
                      {tenant.name}
                    </Link>
                    <div className="font-mono text-xs font-normal text-slate-500">{tenant.slug}</div>
                  </Td>
                  <Td>{planLabel(tenant.planId, tenant.planName)}</Td>
                  <Td>
                    <Badge tone={STATUS_TONE[tenant.status]}>{t(`statuses.${tenant.status}`)}</Badge>
                  </Td>
                  <Td className="text-right tabular-nums">{format.number(tenant.members)}</Td>
                  <Td className="whitespace-nowrap text-right tabular-nums">
                    {t("runsCount", { n: tenant.runs })}
                    <div className="text-xs text-slate-500">{t("tokensCount", { n: tenant.tokens })}</div>
                  </Td>
                  <Td className="text-right tabular-nums">{money(tenant.mrrCents, tenant.currency)}</Td>
                  <Td className="whitespace-nowrap">
                    {tenant.lastActivityAt ? (
                      <time dateTime={tenant.lastActivityAt}>{format.relativeTime(new Date(tenant.lastActivityAt), new Date())}</time>
                    ) : (
                      "—"
                    )}
                  </Td>
                  <Td className="whitespace-nowrap">
                    <time dateTime={tenant.createdAt}>{format.dateTime(new Date(tenant.createdAt), { dateStyle: "medium" })}</time>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {list.pageCount > 1 ? (
          <nav aria-label={t("pagination")} className="flex items-center justify-between gap-2 border-t border-slate-100 px-5 py-3 text-sm">
            {page > 1 ? (
              <Link href={hrefFor({ q, sort, dir, page: page - 1 })} className={buttonClasses("ghost", "sm")}>
                ← {t("previous")}
              </Link>
            ) : (
              <span />
            )}
            <span className="text-slate-600">{t("pageOf", { page, pages: list.pageCount, total: list.total })}</span>
            {page < list.pageCount ? (
              <Link href={hrefFor({ q, sort, dir, page: page + 1 })} className={buttonClasses("secondary", "sm")}>
                {t("next")} →
              </Link>
            ) : (
              <span />
            )}
          </nav>
        ) : null}
      </Card>
    </>
  );
}
