import { getTranslations } from "next-intl/server";
import { CreateOrgForm } from "@/components/orgs/create-org-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("newOrg");

export default async function NewOrgPage() {
  const t = await getTranslations("orgs");
  return (
    <div className="max-w-xl">
      <PageHeader title={t("newTitle")} description={t("newLead")} />
      <Card>
        <CardBody className="py-6">
          <CreateOrgForm />
        </CardBody>
      </Card>
    </div>
  );
}
