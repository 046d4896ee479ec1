import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser, serverCaller } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("orgs");

export default async function OrgsPage() {
  // The layout redirects strangers too, but it renders alongside this page: check here first so a
  // signed-out visit is a redirect, not an UNAUTHORIZED error thrown from the query below.
  await requireUser("/orgs");
  const t = await getTranslations("orgs");
  const tCommon = await getTranslations("common");
  const tenants = await (await serverCaller()).account.tenants();
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("lead")}
        actions={
          tenants.length > 0 ? (
            <Link href="/orgs/new" className={buttonClasses("primary")}>
              {t("create")}
            </Link>
          ) : null
        }
      />
      <Card>
        {tenants.length === 0 ? (
          <EmptyState
            title={t("emptyTitle")}
            description={t("emptyBody")}
            action={
              <Link href="/orgs/new" className={buttonClasses("primary")}>
                {t("create")}
              </Link>
            }
          />
        ) : (
          <ul className="divide-y divide-slate-100">
            {tenants.map((tenant) => (
              <li key={tenant.id}>
                <Link href={`/t/${tenant.slug}`} className="flex items-center justify-between gap-4 px-5 py-4 hover:bg-slate-50">
                  <div className="min-w-0">
                    <p className="truncate font-medium text-slate-900">{tenant.name}</p>
                    <p className="text-sm text-slate-500">/t/{tenant.slug}</p>
                  </div>
                  <div className="flex items-center gap-2">
                    {tenant.status === "suspended" ? <Badge tone="red">{t("suspended")}</Badge> : null}
                    <Badge tone={tenant.role === "owner" ? "brand" : "neutral"}>{tCommon(`roles.${tenant.role}`)}</Badge>
                  </div>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
