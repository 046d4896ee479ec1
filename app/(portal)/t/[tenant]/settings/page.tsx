import { getTranslations } from "next-intl/server";
import { RemoveMemberButton } from "@/components/members/remove-member-button";
import { DeleteOrgButton } from "@/components/settings/delete-org-button";
import { RenameForm } from "@/components/settings/rename-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("settings");

export default async function SettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { tenant, me, can, caller } = await tenantAccess(slug);
  // Owners are listed first: an owner is the last one when the second member listed is not an owner.
  const lastOwner =
    me.role === "owner" && (await load(caller.members.list({ limit: 2 }))).items.filter((m) => m.role === "owner").length < 2;
  const t = await getTranslations("settings");
  const tCommon = await getTranslations("common");
  const tMembers = await getTranslations("members");
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
              <dd className="mt-1 text-slate-700">
                {tCommon.has(`plans.${tenant.planId}`) ? tCommon(`plans.${tenant.planId}` as "plans.free") : tenant.planId}
              </dd>
            </div>
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title={t("membershipTitle")}
          description={t("membershipBody", { role: tCommon(`roles.${me.role}`) })}
          actions={lastOwner ? undefined : <RemoveMemberButton userId={me.id} name={tenant.name} self />}
        />
        {lastOwner ? <CardBody className="text-sm text-slate-600">{tMembers("lastOwnerHint")}</CardBody> : null}
      </Card>
      {can("tenant:delete") ? (
        <Card className="ring-red-200">
          <CardHeader
            title={t("dangerTitle")}
            description={t("deleteBody")}
            actions={<DeleteOrgButton name={tenant.name} slug={tenant.slug} />}
          />
        </Card>
      ) : null}
    </div>
  );
}
