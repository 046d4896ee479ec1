"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { QuotaExceededAlert, quotaDetailsOf } from "@/components/quotas/quota-exceeded-alert";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field, Input, Select } from "@/components/ui/field";
import type { AgentConfigDto } from "@/server/agents/dto";

type Provider = "local" | "openai" | "anthropic";
type ModelRef = { provider: Provider; model: string; credentialId: string };
type PolicyRow = { action: string; threshold: string };

export type AgentFormVocabulary = {
  providers: readonly Provider[];
  tools: readonly string[];
  detectors: readonly string[];
  actions: readonly string[];
  localModel: string;
  maxFallbacks: number;
  instructionsMaxBytes: number;
};

export type AgentFormOptions = {
  credentials: { id: string; name: string; provider: "openai" | "anthropic"; hint: string }[];
  collections: { id: string; name: string }[];
};

const TEXTAREA =
  "block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

const toRef = (ref: AgentConfigDto["model"]): ModelRef => ({
  provider: ref.provider,
  model: ref.model,
  credentialId: ref.credentialId ?? "",
});

/** A number field's value as the API takes it; text that is not a number goes as is, so the server names the field. */
const numeric = (value: string): number | string => (value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value);

/**
 * The agent's whole configuration, for creating (from a template or blank) and editing. The
 * server validates; its 400 names each field by path (`model.credentialId`,
 * `guardPolicy.pii.threshold`), and each message is shown next to its control.
 */
export function AgentForm({
  mode,
  agentId,
  template,
  initial,
  options,
  vocabulary,
  base,
}: {
  mode: "create" | "edit";
  agentId?: string;
  template?: string | null;
  initial: AgentConfigDto;
  options: AgentFormOptions;
  vocabulary: AgentFormVocabulary;
  base: string;
}) {
  const t = useTranslations("agents.form");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [instructions, setInstructions] = useState(initial.instructions);
  const [model, setModel] = useState<ModelRef>(toRef(initial.model));
  const [fallbacks, setFallbacks] = useState<ModelRef[]>(initial.fallbacks.map(toRef));
  const [temperature, setTemperature] = useState(String(initial.temperature));
  const [maxTokens, setMaxTokens] = useState(String(initial.maxTokens));
  const [tools, setTools] = useState<Set<string>>(new Set(initial.tools));
  const [collections, setCollections] = useState<Set<string>>(new Set(initial.knowledgeCollectionIds));
  const [policy, setPolicy] = useState<Record<string, PolicyRow>>(() =>
    Object.fromEntries(
      vocabulary.detectors.map((d) => {
        const entry = initial.guardPolicy?.[d];
        return [d, { action: entry?.action ?? "", threshold: entry?.threshold === undefined ? "" : String(entry.threshold) }];
      }),
    ),
  );
  const [unchanged, setUnchanged] = useState(false);

  const create = useMutation(trpc.agents.create.mutationOptions({ onSuccess: (agent) => router.push(`${base}/${agent.id}`) }));
  const update = useMutation(
    trpc.agents.update.mutationOptions({
      onSuccess: (agent) => {
        if (agent.changed) router.push(`${base}/${agent.id}`);
        else setUnchanged(true);
      },
    }),
  );
  const mutation = mode === "create" ? create : update;
  const fields = errorOf(mutation.error)?.fields ?? {};
  /** The message for a field, or for the first thing inside it that failed. */
  const err = (path: string) => fields[path] ?? Object.entries(fields).find(([key]) => key.startsWith(`${path}.`))?.[1] ?? null;
  const bytes = new TextEncoder().encode(instructions).length;

  const refPayload = (ref: ModelRef) => ({
    provider: ref.provider,
    model: ref.provider === "local" ? vocabulary.localModel : ref.model,
    credentialId: ref.provider === "local" ? null : ref.credentialId.trim() || null,
  });

  const submit = () => {
    setUnchanged(false);
    const guardPolicy = Object.fromEntries(
      Object.entries(policy)
        .filter(([, row]) => row.action || row.threshold.trim())
        .map(([d, row]) => [
          d,
          { ...(row.action ? { action: row.action } : {}), ...(row.threshold.trim() ? { threshold: numeric(row.threshold) } : {}) },
        ]),
    );
    const config = {
      name,
      description,
      instructions,
      model: refPayload(model),
      fallbacks: fallbacks.map(refPayload),
      temperature: numeric(temperature),
      maxTokens: numeric(maxTokens),
      tools: vocabulary.tools.filter((tool) => tools.has(tool)),
      knowledgeCollectionIds: [...collections],
      guardPolicy: Object.keys(guardPolicy).length > 0 ? guardPolicy : null,
    };
    if (mode === "create") create.mutate({ ...(template ? { template } : {}), ...config } as never);
    else update.mutate({ id: agentId!, ...config } as never);
  };

  return (
    <form
      className="space-y-6"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Card>
        <CardHeader title={t("basics")} />
        <CardBody className="space-y-4">
          <Field label={t("name")} hint={t("nameHint")} error={err("name")}>
            {(p) => <Input {...p} name="name" value={name} maxLength={80} required onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t("description")} hint={t("descriptionHint")} error={err("description")}>
            {(p) => (
              <textarea
                {...p}
                name="description"
                rows={2}
                className={cn(TEXTAREA, "font-sans")}
                value={description}
                onChange={(e) => setDescription(e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t("instructions")}
            hint={`${t("instructionsHint")} ${t("instructionsBytes", { used: bytes, max: vocabulary.instructionsMaxBytes })}`}
            error={err("instructions")}
          >
            {(p) => (
              <textarea
                {...p}
                name="instructions"
                rows={10}
                className={TEXTAREA}
                value={instructions}
                onChange={(e) => setInstructions(e.target.value)}
              />
            )}
          </Field>
        </CardBody>
      </Card>

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

      <Card>
        <CardHeader title={t("tools")} />
        <CardBody className="space-y-5">
          <fieldset className="space-y-2">
            <legend className="sr-only">{t("tools")}</legend>
            {vocabulary.tools.map((tool) => (
              <label key={tool} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  name="tools"
                  value={tool}
                  className="mt-0.5 size-4 rounded border-slate-300 text-brand-600"
                  checked={tools.has(tool)}
                  onChange={(e) => {
                    const next = new Set(tools);
                    if (e.target.checked) next.add(tool);
                    else next.delete(tool);
                    setTools(next);
                  }}
                />
                <span>
                  <span className="font-medium text-slate-900">{t(`toolNames.${tool}` as "toolNames.calculator")}</span>
                  <span className="block text-xs text-slate-500">{t(`toolHints.${tool}` as "toolHints.calculator")}</span>
                </span>
              </label>
            ))}
            {err("tools") ? (
              <p className="text-sm text-red-600" role="alert">
                {err("tools")}
              </p>
            ) : null}
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">{t("collections")}</legend>
            <p className="text-xs text-slate-500">{t("collectionsHint")}</p>
            {options.collections.length === 0 ? (
              <p className="text-sm text-slate-600">{t("noCollections")}</p>
            ) : (
              <div className="grid max-h-56 gap-1 overflow-y-auto sm:grid-cols-2">
                {options.collections.map((c) => (
                  <label key={c.id} className="flex items-center gap-2 rounded px-2 py-1.5 text-sm hover:bg-slate-50">
                    <input
                      type="checkbox"
                      className="size-4 rounded border-slate-300 text-brand-600"
                      checked={collections.has(c.id)}
                      onChange={(e) => {
                        const next = new Set(collections);
                        if (e.target.checked) next.add(c.id);
                        else next.delete(c.id);
                        setCollections(next);
                      }}
                    />
                    <span className="truncate">{c.name}</span>
                  </label>
                ))}
              </div>
            )}
            {err("knowledgeCollectionIds") ? (
              <p className="text-sm text-red-600" role="alert">
                {err("knowledgeCollectionIds")}
              </p>
            ) : null}
          </fieldset>
        </CardBody>
      </Card>

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

      {unchanged ? <Alert tone="info">{t("unchanged")}</Alert> : null}
      {mutation.error && quotaDetailsOf(mutation.error) ? <QuotaExceededAlert details={quotaDetailsOf(mutation.error)!} /> : null}
      {mutation.error && !quotaDetailsOf(mutation.error) ? (
        <Alert tone="error">{Object.keys(fields).length > 0 ? t("fixErrors") : errorText(mutation.error)}</Alert>
      ) : null}
      <div className="flex flex-wrap justify-end gap-2">
        <a href={agentId ? `${base}/${agentId}` : base} className={buttonClasses("secondary")}>
          {t("cancel")}
        </a>
        <Button type="submit" pending={mutation.isPending}>
          {mode === "create" ? (mutation.isPending ? t("creating") : t("create")) : mutation.isPending ? t("saving") : t("save")}
        </Button>
      </div>
    </form>
  );
}

/** Provider, model and key for the primary model or a fallback. */
function ModelRefFields({
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
  err: (path: string) => string | null;
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
