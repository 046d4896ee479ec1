import { PageHeader } from "@/components/ui/page-header";
import { tenantAccess } from "@/server/http/rsc";

export default async function OverviewPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { tenant } = await tenantAccess(slug);
  return <PageHeader title={tenant.name} />;
}
