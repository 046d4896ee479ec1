import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";

export const INCIDENT_FILTER_VALUES = {
  status: ["open", "acknowledged", "resolved", "false_positive"],
  severity: ["low", "medium", "high", "critical"],
  detector: ["injection", "pii", "secrets", "harmful", "canary", "anomaly"],
} as const;

export type IncidentSearch = { status?: string; severity?: string; detector?: string; from?: string; to?: string };

/** The list's filters as a plain GET form: the URL is the state (bookmarkable, works without JavaScript). */
export async function IncidentFilters({ action, search }: { action: string; search: IncidentSearch }) {
  const t = await getTranslations("incidents");
  const tg = await getTranslations("guardPolicy");
  const filtered = Object.values(search).some(Boolean);
  return (
    <form method="get" action={action} aria-label={t("filters")} className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <Field label={t("status")}>
          {(p) => (
            <Select {...p} name="status" defaultValue={search.status ?? ""}>
              <option value="">{t("anyStatus")}</option>
              {INCIDENT_FILTER_VALUES.status.map((s) => (
                <option key={s} value={s}>
                  {t(`statuses.${s}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("severity")}>
          {(p) => (
            <Select {...p} name="severity" defaultValue={search.severity ?? ""}>
              <option value="">{t("anySeverity")}</option>
              {INCIDENT_FILTER_VALUES.severity.map((s) => (
                <option key={s} value={s}>
                  {tg(`severities.${s}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("detector")}>
          {(p) => (
            <Select {...p} name="detector" defaultValue={search.detector ?? ""}>
              <option value="">{t("anyDetector")}</option>
              {INCIDENT_FILTER_VALUES.detector.map((d) => (
                <option key={d} value={d}>
                  {tg(`detectors.${d}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("from")}>
          {(p) => <Input {...p} type="date" name="from" min="2000-01-01" max="9999-12-31" defaultValue={search.from ?? ""} />}
        </Field>
        <Field label={t("to")}>
          {(p) => <Input {...p} type="date" name="to" min="2000-01-01" max="9999-12-31" defaultValue={search.to ?? ""} />}
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
