import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ACTOR_TYPES } from "@/server/audit/actor-types";
import { EARLIEST_DAY, LATEST_DAY } from "@/server/bounded-date";
import { EVENT_TYPES } from "@/server/events/catalogue";
import { EVENT_FAMILIES } from "@/server/events/event-types";
import { isFiltered, type EventSearch, type EventSearchProblems } from "@/server/events/event-search-params";

/**
 * The explorer's filters as a plain GET form (the audit page's pattern): the URL is the state.
 * Submitting drops the cursor, so new filters start from the newest event. A value the page could
 * not use is named next to its field (`raw` is what the URL said).
 */
export async function EventFilters({
  action,
  search,
  problems = {},
  raw = {},
}: {
  action: string;
  search: EventSearch;
  problems?: EventSearchProblems;
  raw?: { type?: string; from?: string; to?: string };
}) {
  const t = await getTranslations("events");
  const invalid = (value: string | undefined) =>
    t("filters.invalidDate", { value: (value ?? "").slice(0, 40), earliest: EARLIEST_DAY, latest: LATEST_DAY });
  const fromError = problems.from ? invalid(raw.from) : null;
  const toError = problems.to ? invalid(raw.to) : problems.range ? t("filters.reversedRange") : null;
  const typeError = problems.type ? t("filters.unknownType", { value: (raw.type ?? "").slice(0, 80) }) : null;
  return (
    <form method="get" action={action} aria-label={t("filters.label")} className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Field label={t("filters.type")} error={typeError}>
          {(p) => (
            <Select {...p} name="type" defaultValue={search.type ?? ""}>
              <option value="">{t("filters.anyType")}</option>
              <optgroup label={t("filters.families")}>
                {EVENT_FAMILIES.map((prefix) => (
                  <option key={prefix} value={prefix}>
                    {t("filters.family", { prefix })}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("filters.types")}>
                {[...EVENT_TYPES].sort().map((type) => (
                  <option key={type} value={type}>
                    {type}
                  </option>
                ))}
              </optgroup>
            </Select>
          )}
        </Field>
        <Field label={t("filters.correlationId")}>
          {(p) => <Input {...p} name="correlationId" maxLength={200} defaultValue={search.correlationId ?? ""} autoComplete="off" />}
        </Field>
        <Field label={t("filters.actorType")}>
          {(p) => (
            <Select {...p} name="actorType" defaultValue={search.actorType ?? ""}>
              <option value="">{t("filters.anyActor")}</option>
              {ACTOR_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`actorTypes.${type}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("filters.actorId")}>
          {(p) => <Input {...p} name="actorId" maxLength={200} defaultValue={search.actorId ?? ""} autoComplete="off" />}
        </Field>
        <Field label={t("filters.from")} error={fromError}>
          {(p) => <Input {...p} type="date" name="from" min={EARLIEST_DAY} max={LATEST_DAY} defaultValue={search.from ?? ""} />}
        </Field>
        <Field label={t("filters.to")} error={toError}>
          {(p) => <Input {...p} type="date" name="to" min={EARLIEST_DAY} max={LATEST_DAY} defaultValue={search.to ?? ""} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-xs text-slate-500">{t("filters.datesHint")}</p>
        <div className="flex items-center gap-2">
          {isFiltered(search) ? (
            <Link href={action} className={buttonClasses("ghost", "sm")}>
              {t("filters.clear")}
            </Link>
          ) : null}
          <Button type="submit" size="sm">
            {t("filters.apply")}
          </Button>
        </div>
      </div>
    </form>
  );
}
