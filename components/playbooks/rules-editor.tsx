"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

type Rule = "notify_admins" | "quarantine_agent" | "suspend_api_key" | "tighten_policy";
type Settings = { enabled: boolean; threshold: number; windowMinutes: number };
/** Numbers are kept as typed until saved, so the server can refuse a bad one by its field. */
type Draft = Record<Rule, { enabled: boolean; threshold: string; windowMinutes: string }>;

const RULES: Rule[] = ["notify_admins", "quarantine_agent", "suspend_api_key", "tighten_policy"];

const draftOf = (rules: Record<Rule, Settings>): Draft =>
  Object.fromEntries(
    RULES.map((r) => [
      r,
      { enabled: rules[r].enabled, threshold: String(rules[r].threshold), windowMinutes: String(rules[r].windowMinutes) },
    ]),
  ) as Draft;

const asNumber = (typed: string) => (typed.trim() !== "" && Number.isFinite(Number(typed)) ? Number(typed) : typed);

/**
 * The four playbooks: on/off, threshold and window each, with the default beside them.
 * Read-only for those who may not manage playbooks.
 */
export function RulesEditor({
  rules,
  defaults,
  canEdit,
}: {
  rules: Record<Rule, Settings>;
  defaults: Record<Rule, Settings>;
  canEdit: boolean;
}) {
  const t = useTranslations("playbooks");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>(() => draftOf(rules));
  const [dirty, setDirty] = useState(false);
  const save = useMutation(
    trpc.playbooks.update.mutationOptions({
      onSuccess: (view) => {
        setDraft(draftOf(view.rules));
        setDirty(false);
        router.refresh();
      },
    }),
  );
  const fields = errorOf(save.error)?.fields ?? {};
  const change = (rule: Rule, patch: Partial<Draft[Rule]>) => {
    setDirty(true);
    save.reset();
    setDraft((d) => ({ ...d, [rule]: { ...d[rule], ...patch } }));
  };
  const payload = () =>
    Object.fromEntries(
      RULES.map((r) => [
        r,
        { enabled: draft[r].enabled, threshold: asNumber(draft[r].threshold), windowMinutes: asNumber(draft[r].windowMinutes) },
      ]),
    );

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(payload() as never);
      }}
      className="space-y-4"
    >
      {!canEdit ? (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600 ring-1 ring-inset ring-slate-200">{t("readOnly")}</p>
      ) : null}
      <ul className="divide-y divide-slate-100">
        {RULES.map((rule) => {
          const d = draft[rule];
          const base = defaults[rule];
          const name = t(`rules.${rule}`);
          const changed =
            d.enabled !== base.enabled || d.threshold !== String(base.threshold) || d.windowMinutes !== String(base.windowMinutes);
          const thresholdError = fields[`${rule}.threshold`];
          const windowError = fields[`${rule}.windowMinutes`];
          return (
            <li key={rule} className="grid gap-3 py-4 lg:grid-cols-[minmax(0,1fr)_7rem_9rem] lg:items-start" data-rule={rule}>
              <div className="min-w-0">
                <label className="flex flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
                  <input
                    type="checkbox"
                    checked={d.enabled}
                    disabled={!canEdit}
                    aria-label={t("enabledFor", { rule: name })}
                    onChange={(e) => change(rule, { enabled: e.target.checked })}
                    className="size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500"
                  />
                  {name}
                  {changed ? <Badge tone="brand">{t("changed")}</Badge> : null}
                </label>
                <p className="mt-1 text-xs text-slate-600">{t(`ruleHelp.${rule}`)}</p>
                <p className="mt-1 text-xs text-slate-500">
                  {t("defaultIs", {
                    state: base.enabled ? t("defaultOn") : t("defaultOff"),
                    threshold: base.threshold,
                    window: base.windowMinutes,
                  })}
                </p>
              </div>
              <div>
                <p className="mb-1 text-xs font-medium text-slate-700">{t("threshold")}</p>
                <Input
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={1000}
                  step={1}
                  value={d.threshold}
                  disabled={!canEdit}
                  aria-label={t("thresholdFor", { rule: name })}
                  aria-invalid={Boolean(thresholdError)}
                  onChange={(e) => change(rule, { threshold: e.target.value })}
                  className="h-9"
                />
                {thresholdError ? (
                  <p role="alert" className="mt-1 text-xs text-red-600">
                    {thresholdError}
                  </p>
                ) : null}
              </div>
              <div>
                <p className="mb-1 text-xs font-medium text-slate-700">{t("window")}</p>
                <Input
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={1440}
                  step={1}
                  value={d.windowMinutes}
                  disabled={!canEdit}
                  aria-label={t("windowFor", { rule: name })}
                  aria-invalid={Boolean(windowError)}
                  onChange={(e) => change(rule, { windowMinutes: e.target.value })}
                  className="h-9"
                />
                {windowError ? (
                  <p role="alert" className="mt-1 text-xs text-red-600">
                    {windowError}
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ul>
      {canEdit ? (
        <div className="flex flex-wrap items-center justify-end gap-3 border-t border-slate-100 pt-4">
          <p role="status" className="mr-auto text-sm text-slate-600">
            {save.isSuccess && !dirty ? t("saved") : dirty ? t("unsaved") : null}
          </p>
          {save.error && Object.keys(fields).length === 0 ? (
            <p role="alert" className="text-sm text-red-600">
              {errorText(save.error)}
            </p>
          ) : null}
          <Button
            variant="secondary"
            onClick={() => {
              setDraft(draftOf(defaults));
              setDirty(true);
              save.reset();
            }}
          >
            {t("resetAll")}
          </Button>
          <Button type="submit" pending={save.isPending}>
            {t("save")}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
