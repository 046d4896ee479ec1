import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PolicyEditor } from "@/components/guard/policy-editor";
import { TryGuard } from "@/components/guard/try-guard";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("guard");

/** The guard's policy editor and a box to try the guard on any text. */
export default async function GuardPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { caller, can } = await tenantAccess(slug);
  if (!can("guard:read")) notFound();
  const t = await getTranslations("guardPolicy");
  const format = await getFormatter();
  const policy = await load(caller.guard.policy());
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("lead")} />
      <Card>
        <CardHeader
          title={t("policyTitle")}
          description={
            <>
              {t("policyLead")}
              {policy.updatedAt ? (
                <span className="block text-xs text-slate-500">
                  {t("lastUpdated", { when: format.relativeTime(new Date(policy.updatedAt)) })}
                </span>
              ) : null}
            </>
          }
        />
        <CardBody>
          <PolicyEditor override={policy.override} defaults={policy.defaults} canEdit={can("guard:manage")} />
        </CardBody>
      </Card>
      {can("guard:scan") ? (
        <Card>
          <CardHeader title={t("try.title")} description={t("try.lead")} />
          <CardBody>
            <TryGuard />
          </CardBody>
        </Card>
      ) : null}
    </div>
  );
}
