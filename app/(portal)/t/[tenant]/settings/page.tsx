import { getTranslations } from "next-intl/server";
import { RemoveMemberButton } from "@/components/members/remove-member-button";
import { DeleteOrgButton } from "@/components/settings/delete-org-button";
import { RenameForm } from "@/components/settings/rename-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("settings");

export default async function SettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { tenant, me, can } = await tenantAccess(slug);
  const t = await getTranslations("settings");
  const tCommon = await getTranslations("common");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("lead")} />
      <Card>
        <CardHeader title={t("generalTitle")} />
        <CardBody className="space-y-5">
          <RenameForm name={tenant.name} editable={can("tenant:update")} />
          <dl className="grid gap-4 text-sm sm:grid-cols-2">
            <div>
              <dt className="font-medium text-slate-800">{t("slug")}</dt>
              <dd className="mt-1 font-mono text-slate-700">/t/{tenant.slug}</dd>
              <dd className="mt-1 text-xs text-slate-500">{t("slugFixed")}</dd>
            </div>
            <div>
              <dt className="font-medium text-slate-800">{t("plan")}</dt>
              <dd className="mt-1 text-slate-700">{tCommon.has(`plans.${tenant.planId}`) ? tCommon(`plans.${tenant.planId}` as "plans.free") : tenant.planId}</dd>
            </div>
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("membershipTitle")} description={t("membershipBody", { role: tCommon(`roles.${me.role}`) })} actions={<RemoveMemberButton userId={me.id} name={tenant.name} self />} />
      </Card>
      {can("tenant:delete") ? (
        <Card className="ring-red-200">
          <CardHeader title={t("dangerTitle")} description={t("deleteBody")} actions={<DeleteOrgButton name={tenant.name} slug={tenant.slug} />} />
        </Card>
      ) : null}
    </div>
  );
}
