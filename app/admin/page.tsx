import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { CursorPager } from "@/components/ui/cursor-pager";
import { ResetLinkForm } from "@/components/admin/reset-link-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { load, requireUser, serverCaller } from "@/server/http/rsc";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: t("title") };
}

const STATUS_TONE = { active: "green", suspended: "amber", deleted: "red" } as const;

/** Platform operators only (the layout answers 404 to anyone else; this re-check costs nothing). */
export default async function AdminPage({ searchParams }: { searchParams: Promise<{ cursor?: string | string[] }> }) {
  const user = await requireUser("/admin");
  if (!user.isPlatformAdmin) notFound();
  const raw = (await searchParams).cursor;
  const cursor = (Array.isArray(raw) ? raw[0] : raw) || undefined;
  const caller = await serverCaller();
  const page = await load(caller.admin.tenants({ cursor, limit: 50 })).catch((error: unknown) => {
    // A mangled cursor in the URL: start again from the newest rather than show an error page.
    if (error instanceof TRPCError && error.code === "BAD_REQUEST") redirect("/admin");
    throw error;
  });
  const [t, tCommon, format] = await Promise.all([getTranslations("admin"), getTranslations("common"), getFormatter()]);
  const planLabel = (id: string, name: string) => (tCommon.has(`plans.${id}`) ? tCommon(`plans.${id}` as "plans.free") : name);

  return (
    <>
      <PageHeader title={t("title")} description={t("lead")} />
      <Card>
        <CardHeader title={t("tenantsTitle")} />
        {page.items.length === 0 ? (
          <EmptyState title={t("emptyTitle")} description={t("emptyBody")} />
        ) : (
          <Table caption={t("tableCaption")}>
            <thead>
              <tr>
                <Th>{t("name")}</Th>
                <Th>{t("slug")}</Th>
                <Th>{t("plan")}</Th>
                <Th>{t("status")}</Th>
                <Th className="text-right">{t("members")}</Th>
                <Th>{t("created")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((tenant) => (
                <tr key={tenant.id}>
                  <Td className="font-medium text-slate-900">{tenant.name}</Td>
                  <Td className="font-mono text-xs">{tenant.slug}</Td>
                  <Td>{planLabel(tenant.planId, tenant.planName)}</Td>
                  <Td>
                    <Badge tone={STATUS_TONE[tenant.status]}>{t(`statuses.${tenant.status}`)}</Badge>
                  </Td>
                  <Td className="text-right tabular-nums">{format.number(tenant.members)}</Td>
                  <Td className="whitespace-nowrap">
                    <time dateTime={tenant.createdAt}>{format.dateTime(new Date(tenant.createdAt), { dateStyle: "medium" })}</time>
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <CursorPager
          label={t("pagination")}
          firstHref={cursor ? "/admin" : null}
          nextHref={page.nextCursor ? `/admin?cursor=${encodeURIComponent(page.nextCursor)}` : null}
          firstLabel={<>← {t("newest")}</>}
          nextLabel={<>{t("older")} →</>}
        />
      </Card>
      <Card className="mt-6">
        <CardHeader title={t("resetTitle")} description={t("resetLead")} />
        <CardBody>
          <ResetLinkForm />
        </CardBody>
      </Card>
    </>
  );
}
