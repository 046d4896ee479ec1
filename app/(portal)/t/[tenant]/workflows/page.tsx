import Link from "next/link";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { CursorPager } from "@/components/ui/cursor-pager";
import { EmptyState } from "@/components/ui/empty-state";
import { Field, Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { TemplateButton } from "@/components/workflows/template-button";
import { baseUrlFrom } from "@/server/http/app-url";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("workflows");

const PAGE_SIZE = 25;
const first = (value: string | string[] | undefined) => [value].flat()[0];

export default async function WorkflowsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant: slug } = await params;
  const raw = await searchParams;
  const q = (first(raw.q) ?? "").trim().slice(0, 100);
  const cursor = first(raw.cursor);
  const { caller, can, tenant } = await tenantAccess(slug);
  if (!can("workflow:read")) notFound();
  const [page, t, format, hdrs] = await Promise.all([
    load(caller.workflows.list({ q: q || undefined, cursor, limit: PAGE_SIZE })),
    getTranslations("workflows"),
    getFormatter(),
    headers(),
  ]);
  const base = `/t/${slug}/workflows`;
  const hookBase = baseUrlFrom(hdrs);
  const manage = can("workflow:manage");
  const query = (extra: Record<string, string | undefined> = {}) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ q: q || undefined, ...extra })) if (value) params.set(key, value);
    const text = params.toString();
    return text ? `?${text}` : "";
  };
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("lead")}
        actions={
          <div className="flex flex-wrap gap-2">
            <Link href={`/t/${slug}/approvals`} className={buttonClasses("ghost")}>
              {t("approvalsLink")}
            </Link>
            {manage ? <TemplateButton base={base} hookBase={hookBase} tenantId={tenant.id} /> : null}
            {manage ? (
              <Link href={`${base}/new`} className={buttonClasses("primary")}>
                {t("newWorkflow")}
              </Link>
            ) : null}
          </div>
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
            <div className="flex items-center gap-2">
              <Button type="submit">{t("apply")}</Button>
              {q ? (
                <Link href={base} className={buttonClasses("ghost", "sm")}>
                  {t("clear")}
                </Link>
              ) : null}
            </div>
          </form>
        </CardBody>
        {page.items.length === 0 ? (
          q || cursor ? (
            <EmptyState title={t("noMatchTitle")} description={t("noMatchBody")} />
          ) : (
            <EmptyState
              title={t("emptyTitle")}
              description={manage ? t("emptyBody") : t("emptyViewer")}
              action={manage ? <TemplateButton base={base} hookBase={hookBase} tenantId={tenant.id} variant="primary" /> : null}
            />
          )
        ) : (
          <Table caption={t("tableCaption")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("name")}</Th>
                <Th>{t("version")}</Th>
                <Th>{t("updated")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((w) => (
                <tr key={w.id}>
                  <Td>
                    <Link href={`${base}/${w.id}`} className="font-medium text-brand-700 hover:underline">
                      {w.name}
                    </Link>
                    {w.description ? <p className="line-clamp-2 max-w-md text-xs text-slate-500">{w.description}</p> : null}
                  </Td>
                  <Td className="whitespace-nowrap">{t("versionNumber", { version: w.currentVersion })}</Td>
                  <Td className="whitespace-nowrap">{format.relativeTime(new Date(w.updatedAt))}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          label={t("pagination")}
          firstHref={cursor ? `${base}${query()}` : null}
          nextHref={page.nextCursor ? `${base}${query({ cursor: page.nextCursor })}` : null}
          firstLabel={<>← {t("newest")}</>}
          nextLabel={<>{t("older")} →</>}
        />
      </Card>
    </div>
  );
}
