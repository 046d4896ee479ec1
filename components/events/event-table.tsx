import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { ShortId } from "@/components/ui/short-id";
import { Table, Td, Th } from "@/components/ui/table";
import type { EventDto } from "@/server/events/event-dto";

const ACTOR_TONE = { user: "neutral", api_key: "brand", system: "amber", platform: "red" } as const;

/** The event's type as code, with a badge when it is a replayed copy. */
export async function EventType({ event }: { event: Pick<EventDto, "type" | "replayOf"> }) {
  const t = await getTranslations("events");
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <code className="whitespace-nowrap rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{event.type}</code>
      {event.replayOf ? <Badge tone="amber">{t("replayed")}</Badge> : null}
    </span>
  );
}

/** Delivered, or still waiting in the outbox. */
export async function DeliveryBadge({ deliveredAt }: { deliveredAt: string | null }) {
  const t = await getTranslations("events");
  return deliveredAt ? <Badge tone="green">{t("delivered")}</Badge> : <Badge tone="neutral">{t("pending")}</Badge>;
}

/** The stream, newest first: each type links to the event, each correlation id filters the stream to its request. */
export async function EventTable({ items, base }: { items: EventDto[]; base: string }) {
  const t = await getTranslations("events");
  const f = await getFormatter();
  return (
    <Table caption={t("tableCaption")}>
      <thead className="bg-slate-50">
        <tr>
          <Th>{t("time")}</Th>
          <Th>{t("type")}</Th>
          <Th>{t("actor")}</Th>
          <Th>{t("correlation")}</Th>
          <Th>{t("delivery")}</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {items.map((event) => (
          <tr key={event.id} data-event={event.id} data-type={event.type}>
            <Td className="whitespace-nowrap">
              <time dateTime={event.occurredAt}>
                {f.dateTime(new Date(event.occurredAt), { dateStyle: "medium", timeStyle: "medium" })}
              </time>
            </Td>
            <Td>
              <Link
                href={`${base}/${event.id}`}
                className="hover:underline"
                aria-label={
                  // The name holds all the link shows (the "replayed" badge too): label in name, WCAG 2.5.3.
                  event.replayOf ? `${t("open", { type: event.type })} ${t("replayed")}` : t("open", { type: event.type })
                }
              >
                <EventType event={event} />
              </Link>
            </Td>
            <Td>
              <div className="flex flex-col items-start gap-1">
                <Badge tone={ACTOR_TONE[event.actor.type]}>{t(`actorTypes.${event.actor.type}`)}</Badge>
                {event.actor.id ? <ShortId value={event.actor.id} /> : null}
              </div>
            </Td>
            <Td>
              <Link
                href={`${base}?correlationId=${encodeURIComponent(event.correlationId)}`}
                className="font-mono text-xs text-brand-700 hover:underline"
                title={t("filterByCorrelation")}
              >
                {event.correlationId.length > 18 ? `${event.correlationId.slice(0, 18)}…` : event.correlationId}
              </Link>
            </Td>
            <Td>
              <DeliveryBadge deliveredAt={event.deliveredAt} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
