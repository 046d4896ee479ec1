"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import type { AgentFormOptions, AgentFormVocabulary, ErrorOf, ModelRef } from "./agent-form-model";
import { ModelRefFields } from "./model-ref-fields";

/** The agent's model: the primary one, its sampling (temperature, max tokens) and the fallbacks tried in order. */
export function AgentModelCard({
  model,
  setModel,
  fallbacks,
  setFallbacks,
  temperature,
  setTemperature,
  maxTokens,
  setMaxTokens,
  err,
  options,
  vocabulary,
}: {
  model: ModelRef;
  setModel: (next: ModelRef) => void;
  fallbacks: ModelRef[];
  setFallbacks: (next: ModelRef[]) => void;
  temperature: string;
  setTemperature: (next: string) => void;
  maxTokens: string;
  setMaxTokens: (next: string) => void;
  err: ErrorOf;
  options: AgentFormOptions;
  vocabulary: AgentFormVocabulary;
}) {
  const t = useTranslations("agents.form");
  return (
    <Card>
      <CardHeader title={t("modelSection")} />
      <CardBody className="space-y-5">
        <ModelRefFields
          value={model}
          onChange={setModel}
          path="model"
          err={err}
          options={options}
          vocabulary={vocabulary}
          legend={t("modelSection")}
          hideLegend
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t("temperature")} hint={t("temperatureHint")} error={err("temperature")}>
            {(p) => (
              <Input
                {...p}
                name="temperature"
                type="number"
                inputMode="decimal"
                min={0}
                max={2}
                step={0.1}
                value={temperature}
                onChange={(e) => setTemperature(e.target.value)}
              />
            )}
          </Field>
          <Field label={t("maxTokens")} hint={t("maxTokensHint")} error={err("maxTokens")}>
            {(p) => (
              <Input
                {...p}
                name="maxTokens"
                type="number"
                inputMode="numeric"
                min={1}
                max={32000}
                step={1}
                value={maxTokens}
                onChange={(e) => setMaxTokens(e.target.value)}
              />
            )}
          </Field>
        </div>
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-800">{t("fallbacks")}</legend>
          <p className="text-xs text-slate-500">{t("fallbacksHint")}</p>
          {err("fallbacks") && !fallbacks.some((_, i) => err(`fallbacks.${i}`)) ? (
            <p className="text-sm text-red-600" role="alert">
              {err("fallbacks")}
            </p>
          ) : null}
          {fallbacks.map((ref, i) => (
            <div key={i} className="rounded-md border border-slate-200 p-3">
              <ModelRefFields
                value={ref}
                onChange={(next) => setFallbacks(fallbacks.map((f, j) => (j === i ? next : f)))}
                path={`fallbacks.${i}`}
                err={err}
                options={options}
                vocabulary={vocabulary}
                legend={t("fallbackN", { n: i + 1 })}
                action={
                  <Button variant="ghost" size="sm" onClick={() => setFallbacks(fallbacks.filter((_, j) => j !== i))}>
                    {t("removeFallback", { n: i + 1 })}
                  </Button>
                }
              />
            </div>
          ))}
          {fallbacks.length < vocabulary.maxFallbacks ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => setFallbacks([...fallbacks, { provider: "local", model: vocabulary.localModel, credentialId: "" }])}
            >
              {t("addFallback")}
            </Button>
          ) : null}
        </fieldset>
      </CardBody>
    </Card>
  );
}
