"use client";

import { useTranslations } from "next-intl";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import type { AgentFormVocabulary, ErrorOf, PolicyRow } from "./agent-form-model";

/** The agent's own guard policy: per detector, an action and a threshold, each empty to inherit the tenant's. */
export function AgentGuardCard({
  policy,
  setPolicy,
  err,
  vocabulary,
}: {
  policy: Record<string, PolicyRow>;
  setPolicy: (next: Record<string, PolicyRow>) => void;
  err: ErrorOf;
  vocabulary: AgentFormVocabulary;
}) {
  const t = useTranslations("agents.form");
  return (
    <Card>
      <CardHeader title={t("guard")} description={t("guardHint")} />
      <CardBody className="space-y-3">
        {err("guardPolicy") && !vocabulary.detectors.some((d) => err(`guardPolicy.${d}`)) ? (
          <p className="text-sm text-red-600" role="alert">
            {err("guardPolicy")}
          </p>
        ) : null}
        {vocabulary.detectors.map((detector) => {
          const row = policy[detector]!;
          const set = (next: Partial<PolicyRow>) => setPolicy({ ...policy, [detector]: { ...row, ...next } });
          return (
            <fieldset key={detector} className="grid gap-3 border-b border-slate-100 pb-3 sm:grid-cols-[1fr_10rem_8rem] sm:items-start">
              <legend className="sr-only">{t(`detectors.${detector}` as "detectors.pii")}</legend>
              <p className="pt-1 text-sm font-medium text-slate-900 sm:pt-8">{t(`detectors.${detector}` as "detectors.pii")}</p>
              <Field label={t("action")} error={err(`guardPolicy.${detector}.action`)}>
                {(p) => (
                  <Select {...p} name={`guard-${detector}-action`} value={row.action} onChange={(e) => set({ action: e.target.value })}>
                    <option value="">{t("inherit")}</option>
                    {vocabulary.actions.map((a) => (
                      <option key={a} value={a}>
                        {t(`actions.${a}` as "actions.block")}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Field label={t("threshold")} error={err(`guardPolicy.${detector}.threshold`)}>
                {(p) => (
                  <Input
                    {...p}
                    name={`guard-${detector}-threshold`}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={1}
                    step={0.05}
                    placeholder={t("inherit")}
                    value={row.threshold}
                    onChange={(e) => set({ threshold: e.target.value })}
                  />
                )}
              </Field>
            </fieldset>
          );
        })}
      </CardBody>
    </Card>
  );
}
