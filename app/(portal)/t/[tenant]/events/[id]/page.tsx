import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { titled } from "@/app/page-title";
import { DeliveryBadge, EventType } from "@/components/events/event-table";
import { Fact } from "@/components/events/fact";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { load, tenantAccess } from "@/server/http/rsc";

export const generateMetadata = titled("event");

const ID = /^[0-9A-Za-z_-]{1,64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function EventPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant: slug, id } = await params;
  if (!ID.test(id)) notFound();
  const { caller, can } = await tenantAccess(slug);
  if (!can("event:read")) notFound();
  const [event, t, f] = await Promise.all([load(caller.events.get({ id })), getTranslations("events"), getFormatter()]);
  const base = `/t/${slug}/events`;
  const when = (iso: string) => f.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "medium" });
  const runId = typeof event.payload.runId === "string" && UUID.test(event.payload.runId) ? event.payload.runId : null;

  return (
    <div className="space-y-6">
      <div>
        <Link href={base} className="text-sm text-brand-700 hover:underline">
          ← {t("detail.back")}
        </Link>
      </div>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {t("detail.title")} <EventType event={event} /> <DeliveryBadge deliveredAt={event.deliveredAt} />
          </span>
        }
        description={when(event.occurredAt)}
        actions={
          runId && can("run:read") ? (
            <Link href={`/t/${slug}/runs/${runId}/events`} className={buttonClasses("secondary", "sm")}>
              {t("detail.runChain")}
            </Link>
          ) : null
        }
      />

      <Card>
        <CardHeader title={t("detail.summary")} />
        <CardBody>
          <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            <Fact label={t("detail.id")} mono>
              {event.id}
            </Fact>
            <Fact label={t("detail.version")}>{event.version}</Fact>
            <Fact label={t("actor")}>
              {t(`actorTypes.${event.actor.type}`)}
              {event.actor.id ? <span className="ml-1 font-mono text-xs">{event.actor.id}</span> : null}
            </Fact>
            <Fact label={t("detail.occurredAt")}>{when(event.occurredAt)}</Fact>
            <Fact label={t("detail.deliveredAt")}>{event.deliveredAt ? when(event.deliveredAt) : t("detail.notDelivered")}</Fact>
          </dl>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("detail.lineage")} description={t("detail.lineageLead")} />
        <CardBody>
          <dl className="grid gap-4 sm:grid-cols-2">
            <Fact label={t("correlation")} mono>
              <Link href={`${base}?correlationId=${encodeURIComponent(event.correlationId)}`} className="text-brand-700 hover:underline">
                {event.correlationId}
              </Link>
            </Fact>
            <Fact label={t("detail.causation")} mono>
              {event.cause ? (
                <Link href={`${base}/${event.cause.id}`} className="text-brand-700 hover:underline">
                  {event.cause.type} · {event.cause.id}
                </Link>
              ) : (
                (event.causationId ?? t("detail.noCause"))
              )}
            </Fact>
            <Fact label={t("detail.trace")} mono>
              {event.traceId ?? "—"}
            </Fact>
            <Fact label={t("detail.replayOf")} mono>
              {event.replayOf ? (
                <Link href={`${base}/${event.replayOf}`} className="text-brand-700 hover:underline">
                  {event.replayOf}
                </Link>
              ) : (
                "—"
              )}
            </Fact>
          </dl>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("detail.payload")} />
        <CardBody>
          <CodeBlock label={t("detail.payload")}>{JSON.stringify(event.payload, null, 2)}</CodeBlock>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("detail.caused")} description={t("detail.causedLead")} />
        {event.caused.length === 0 ? (
          <EmptyState title={t("detail.causedNone")} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {event.caused.map((child) => (
              <li key={child.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3">
                <Link href={`${base}/${child.id}`} className="hover:underline">
                  <EventType event={child} />
                </Link>
                <time dateTime={child.occurredAt} className="text-xs text-slate-500">
                  {when(child.occurredAt)}
                </time>
              </li>
            ))}
            {event.causedMore ? <li className="px-5 py-3 text-xs text-slate-500">{t("detail.causedMore")}</li> : null}
          </ul>
        )}
      </Card>
    </div>
  );
}
