import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonClasses } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { EARLIEST_DAY, LATEST_DAY } from "@/server/bounded-date";
import { RISK_VALUES, RUN_STATUS_VALUES, type RunSearch } from "./run-search";

/** The runs filters as a plain GET form: submitting drops the cursor, so new filters start from the newest run. */
export async function RunFilters({
  action,
  search,
  agents,
  problems,
}: {
  action: string;
  search: RunSearch;
  agents: { id: string; name: string }[];
  problems: { from?: boolean; to?: boolean };
}) {
  const t = await getTranslations("runs");
  const filtered = Boolean(search.agentId || search.status || search.riskLevel || search.from || search.to);
  return (
    <form method="get" action={action} aria-label={t("filters")} className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        <Field label={t("agent")}>
          {(p) => (
            <Select {...p} name="agent" defaultValue={search.agentId ?? ""}>
              <option value="">{t("anyAgent")}</option>
              {agents.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("status")}>
          {(p) => (
            <Select {...p} name="status" defaultValue={search.status ?? ""}>
              <option value="">{t("anyStatus")}</option>
              {RUN_STATUS_VALUES.map((status) => (
                <option key={status} value={status}>
                  {t(`statuses.${status}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("risk")}>
          {(p) => (
            <Select {...p} name="risk" defaultValue={search.riskLevel ?? ""}>
              <option value="">{t("anyRisk")}</option>
              {RISK_VALUES.map((level) => (
                <option key={level} value={level}>
                  {t(`risks.${level}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("from")} error={problems.from ? t("invalidDate") : null}>
          {(p) => <Input {...p} type="date" name="from" min={EARLIEST_DAY} max={LATEST_DAY} defaultValue={search.from ?? ""} />}
        </Field>
        <Field label={t("to")} error={problems.to ? t("invalidDate") : null}>
          {(p) => <Input {...p} type="date" name="to" min={EARLIEST_DAY} max={LATEST_DAY} defaultValue={search.to ?? ""} />}
        </Field>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm">
          {t("apply")}
        </Button>
        {filtered ? (
          <Link href={action} className={buttonClasses("ghost", "sm")}>
            {t("clear")}
          </Link>
        ) : null}
      </div>
    </form>
  );
}
