import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EndpointForm } from "@/components/webhooks/endpoint-form";
import { PageHeader } from "@/components/ui/page-header";
import { load, tenantAccess } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("newWebhook");

/** Add an endpoint: the event picker is grouped by the catalogue's families. */
export default async function NewWebhookPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { caller, can } = await tenantAccess(slug);
  if (!can("webhook:manage")) notFound();
  const t = await getTranslations("webhooks");
  const catalogue = await load(caller.webhooks.eventTypes({}));
  const families = catalogue.families.map((family) => ({ family, types: catalogue.types.filter((type) => type.startsWith(`${family}.`)) }));
  const base = `/t/${slug}`;
  return (
    <div className="space-y-6">
      <Link href={`${base}/webhooks`} className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader title={t("add")} description={t("lead")} />
      <EndpointForm base={base} families={families} />
    </div>
  );
}
