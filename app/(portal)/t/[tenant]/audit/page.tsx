import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChain } from "@/components/audit/verify-chain";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { auditListFilters, auditSearchQuery, parseAuditSearchWithProblems } from "@/server/audit/audit-search-params";
import { load, tenantAccess } from "@/server/http/rsc";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

const PAGE_SIZE = 50;

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant: slug } = await params;
  const raw = await searchParams;
  const { search, problems } = parseAuditSearchWithProblems(raw);
  const rawDay = (key: string) => [raw[key]].flat()[0];
  const { caller, can } = await tenantAccess(slug);
  if (!can("audit:read")) notFound();
  const [page, t, tCommon] = await Promise.all([
    load(caller.audit.list({ ...auditListFilters(search), cursor: search.cursor, limit: PAGE_SIZE })),
    getTranslations("audit"),
    getTranslations("common"),
  ]);
  const base = `/t/${slug}/audit`;
  const filters = { ...search, cursor: undefined };
  const filtered = Boolean(search.action || search.actorType || search.from || search.to);

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("lead")}
        actions={
          <>
            <a href={`${base}/export${auditSearchQuery(filters, { format: "csv" })}`} className={buttonClasses("secondary", "sm")}>
              {t("exportCsv")}
            </a>
            <a href={`${base}/export${auditSearchQuery(filters, { format: "json" })}`} className={buttonClasses("secondary", "sm")}>
              {t("exportJson")}
            </a>
          </>
        }
      />

      {can("audit:verify") ? (
        <Card>
          <CardHeader title={t("verify.title")} />
          <CardBody>
            <VerifyChain />
          </CardBody>
        </Card>
      ) : null}

      <Card>
        <CardBody className="border-b border-slate-200">
          <AuditFilters action={base} search={search} problems={problems} raw={{ from: rawDay("from"), to: rawDay("to") }} />
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
          <AuditTable items={page.items} />
        )}
        {search.cursor || page.nextCursor !== null ? (
          <nav aria-label={t("pagination")} className="flex items-center justify-between gap-2 border-t border-slate-200 px-5 py-3">
            {search.cursor ? (
              <Link href={`${base}${auditSearchQuery(filters)}`} className={buttonClasses("ghost", "sm")}>
                ← {tCommon("firstPage")}
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor !== null ? (
              <Link href={`${base}${auditSearchQuery(filters, { cursor: page.nextCursor })}`} className={buttonClasses("secondary", "sm")}>
                {tCommon("older")} →
              </Link>
            ) : null}
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
