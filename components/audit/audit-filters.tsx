import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ACTOR_TYPES } from "@/server/audit/actor-types";
import { EARLIEST_DAY, LATEST_DAY } from "@/server/bounded-date";
import { AUDIT_ACTION_PREFIXES, type AuditSearch, type AuditSearchProblems } from "@/server/audit/audit-search-params";

/**
 * The filters as a plain GET form: the URL is the state, so a filtered view can be bookmarked,
 * shared and exported, and it works before any JavaScript has loaded. Submitting drops the
 * cursor, so new filters start from the newest entry. A date it could not use, or a reversed
 * range, is named next to its field (`raw` is what the URL said).
 */
export async function AuditFilters({
  action,
  search,
  problems = {},
  raw = {},
}: {
  action: string;
  search: AuditSearch;
  problems?: AuditSearchProblems;
  raw?: { from?: string; to?: string };
}) {
  const t = await getTranslations("audit");
  const invalid = (value: string | undefined) =>
    t("invalidDate", { value: (value ?? "").slice(0, 40), earliest: EARLIEST_DAY, latest: LATEST_DAY });
  const fromError = problems.from ? invalid(raw.from) : null;
  const toError = problems.to ? invalid(raw.to) : problems.range ? t("reversedRange") : null;
  const filtered = Boolean(search.action || search.actorType || search.from || search.to);
  return (
    <form method="get" action={action} aria-label={t("filters")} className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Field label={t("action")}>
          {(p) => (
            <Select {...p} name="action" defaultValue={search.action ?? ""}>
              <option value="">{t("anyAction")}</option>
              {AUDIT_ACTION_PREFIXES.map((prefix) => (
                <option key={prefix} value={prefix}>
                  {t("family", { name: t(`families.${prefix.slice(0, -1)}`), prefix })}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("actorType")}>
          {(p) => (
            <Select {...p} name="actorType" defaultValue={search.actorType ?? ""}>
              <option value="">{t("anyActor")}</option>
              {ACTOR_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`actorTypes.${type}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("from")} error={fromError}>
          {(p) => <Input {...p} type="date" name="from" min={EARLIEST_DAY} max={LATEST_DAY} defaultValue={search.from ?? ""} />}
        </Field>
        <Field label={t("to")} error={toError}>
          {(p) => <Input {...p} type="date" name="to" min={EARLIEST_DAY} max={LATEST_DAY} defaultValue={search.to ?? ""} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-xs text-slate-500">{t("datesHint")}</p>
        <div className="flex items-center gap-2">
          {filtered ? (
            <Link href={action} className={buttonClasses("ghost", "sm")}>
              {t("clear")}
            </Link>
          ) : null}
          <Button type="submit" size="sm">
            {t("apply")}
          </Button>
        </div>
      </div>
    </form>
  );
}
