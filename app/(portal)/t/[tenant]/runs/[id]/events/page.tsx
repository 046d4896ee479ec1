import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { titled } from "@/app/page-title";
import { EventChain } from "@/components/events/event-chain";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { load, tenantAccess } from "@/server/http/rsc";

export const generateMetadata = titled("runEvents");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A run's whole causal chain on one page: the request's events, the run's, and everything they set off. */
export default async function RunEventsPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  if (!UUID.test(id)) notFound();
  const { caller, can } = await tenantAccess(slug);
  if (!can("event:read") || !can("run:read")) notFound();
  const [chain, t] = await Promise.all([load(caller.events.runChain({ id })), getTranslations("events")]);
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/t/${slug}/runs/${id}`} className="text-sm text-brand-700 hover:underline">
          ← {t("chain.back")}
        </Link>
      </div>
      <PageHeader title={t("chain.title")} description={t("chain.lead")} />
      {chain.truncated ? <Alert tone="warning">{t("chain.truncated", { count: chain.items.length })}</Alert> : null}
      <Card>
        <CardHeader title={t("chain.count", { count: chain.items.length })} />
        {chain.items.length === 0 ? (
          <EmptyState title={t("chain.emptyTitle")} description={t("chain.emptyBody")} />
        ) : (
          <EventChain items={chain.items} base={`/t/${slug}/events`} />
        )}
      </Card>
    </div>
  );
}
