import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import type { ChainEventDto } from "@/server/events/event-dto";
import { EventType } from "./event-table";

/**
 * Left padding per depth (1.25rem, then 1.5rem a level), as whole class names Tailwind can see:
 * the CSP refuses inline style attributes. Indentation stops growing at the last: a deep chain
 * stays readable at phone width.
 */
const INDENT = ["pl-5", "pl-[2.75rem]", "pl-[4.25rem]", "pl-[5.75rem]", "pl-[7.25rem]", "pl-[8.75rem]", "pl-[10.25rem]"] as const;
const indentOf = (depth: number) => INDENT[Math.max(0, Math.min(depth, INDENT.length - 1))];

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
        <li key={item.id} data-event={item.id} data-depth={item.depth} className={cn("py-3 pr-5", indentOf(item.depth))}>
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
