import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { titled } from "@/app/page-title";
import { ReplayForm } from "@/components/events/replay-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { EVENT_FAMILIES } from "@/server/events/event-types";
import { tenantAccess } from "@/server/http/rsc";

export const generateMetadata = titled("replayEvents");

/** Replay's own bookkeeping is never replayed (server/events/replay-events.ts): not offered either. */
const REPLAYABLE_FAMILIES = EVENT_FAMILIES.filter((family) => family !== "event." && family !== "dead_letter.");

export default async function ReplayPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { can } = await tenantAccess(slug);
  if (!can("event:replay")) notFound();
  const t = await getTranslations("events");
  const base = `/t/${slug}/events`;
  return (
    <div className="space-y-6">
      <div>
        <Link href={base} className="text-sm text-brand-700 hover:underline">
          ← {t("detail.back")}
        </Link>
      </div>
      <PageHeader title={t("replay.title")} description={t("replay.lead")} />
      <Card>
        <CardBody>
          <ReplayForm families={[...REPLAYABLE_FAMILIES]} eventsHref={base} />
        </CardBody>
      </Card>
    </div>
  );
}
