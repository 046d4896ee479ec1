import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { ChainEventDto } from "@/server/events/event-dto";
import { EventType } from "./event-table";

/** Indentation stops growing here: a deep chain stays readable at phone width. */
const MAX_INDENT = 6;

/**
 * The chain as a timeline of trees: roots in time order, each followed by what it caused,
 * indented by depth. A plain nested-looking list (each item says what caused it), so it reads
 * the same to a screen reader as it looks.
 */
export async function EventChain({ items, base }: { items: ChainEventDto[]; base: string }) {
  const t = await getTranslations("events");
  const f = await getFormatter();
  const typeOf = new Map(items.map((item) => [item.id, item.type]));
  return (
    <ol className="divide-y divide-slate-100" aria-label={t("chain.title")}>
      {items.map((item) => (
        <li
          key={item.id}
          data-event={item.id}
          data-depth={item.depth}
          className="px-5 py-3"
          style={{ paddingLeft: `${1.25 + Math.min(item.depth, MAX_INDENT) * 1.5}rem` }}
        >
          <div className="flex flex-wrap items-center gap-2">
            {item.depth > 0 ? (
              <span aria-hidden className="text-slate-400">
                ↳
              </span>
            ) : null}
            <Link href={`${base}/${item.id}`} className="hover:underline">
              <EventType event={item} />
            </Link>
            <Badge>{t(`actorTypes.${item.actor.type}`)}</Badge>
            <time dateTime={item.occurredAt} className="text-xs text-slate-500">
              {f.dateTime(new Date(item.occurredAt), { dateStyle: "medium", timeStyle: "medium" })}
            </time>
          </div>
          {item.parentId ? (
            <p className="mt-1 text-xs text-slate-500">{t("chain.causedBy", { type: typeOf.get(item.parentId) ?? item.parentId })}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
