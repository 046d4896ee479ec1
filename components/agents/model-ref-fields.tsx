"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { Field, Input, Select } from "@/components/ui/field";
import type { AgentFormOptions, AgentFormVocabulary, ErrorOf, ModelRef, Provider } from "./agent-form-model";

/** Provider, model and key for the primary model or a fallback. */
export function ModelRefFields({
  value,
  onChange,
  path,
  err,
  options,
  vocabulary,
  legend,
  hideLegend,
  action,
}: {
  value: ModelRef;
  onChange: (next: ModelRef) => void;
  path: string;
  err: ErrorOf;
  options: AgentFormOptions;
  vocabulary: AgentFormVocabulary;
  legend: string;
  hideLegend?: boolean;
  action?: ReactNode;
}) {
  const t = useTranslations("agents.form");
  const keys = options.credentials.filter((c) => c.provider === value.provider);
  // A key id typed by hand (none listed, or one no longer listed) keeps a text field.
  const pick = keys.length > 0 && (value.credentialId === "" || keys.some((k) => k.id === value.credentialId));
  return (
    <fieldset className="space-y-3">
      <legend className={cn("text-sm font-medium text-slate-800", hideLegend && "sr-only")}>{legend}</legend>
      {action ? <div className="flex justify-end">{action}</div> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t("provider")} error={err(`${path}.provider`)}>
          {(p) => (
            <Select
              {...p}
              name={`${path}.provider`}
              value={value.provider}
              onChange={(e) => {
                const provider = e.target.value as Provider;
                onChange({ provider, model: provider === "local" ? vocabulary.localModel : "", credentialId: "" });
              }}
            >
              {vocabulary.providers.map((provider) => (
                <option key={provider} value={provider}>
                  {t(`providers.${provider}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t("modelName")} hint={value.provider === "local" ? t("localModelHint") : t("modelHint")} error={err(`${path}.model`)}>
          {(p) => (
            <Input
              {...p}
              name={`${path}.model`}
              value={value.provider === "local" ? vocabulary.localModel : value.model}
              readOnly={value.provider === "local"}
              maxLength={100}
              onChange={(e) => onChange({ ...value, model: e.target.value })}
            />
          )}
        </Field>
      </div>
      {value.provider === "local" ? null : (
        <Field
          label={pick ? t("credential") : t("credentialId")}
          hint={keys.length === 0 ? t("noCredentials", { provider: t(`providers.${value.provider}`) }) : undefined}
          error={err(`${path}.credentialId`)}
        >
          {(p) =>
            pick ? (
              <Select
                {...p}
                name={`${path}.credentialId`}
                value={value.credentialId}
                onChange={(e) => onChange({ ...value, credentialId: e.target.value })}
              >
                <option value="">{t("chooseCredential")}</option>
                {keys.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name} (…{k.hint})
                  </option>
                ))}
              </Select>
            ) : (
              <Input
                {...p}
                name={`${path}.credentialId`}
                value={value.credentialId}
                className="font-mono"
                onChange={(e) => onChange({ ...value, credentialId: e.target.value })}
              />
            )
          }
        </Field>
      )}
    </fieldset>
  );
}
