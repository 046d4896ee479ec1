"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { QuotaExceededAlert, quotaDetailsOf } from "@/components/quotas/quota-exceeded-alert";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Field, Input } from "@/components/ui/field";
import type { AgentConfigDto } from "@/server/agents/dto";
import {
  toAgentConfig,
  toPolicyRows,
  toRef,
  type AgentFormOptions,
  type AgentFormVocabulary,
  type ErrorOf,
  type ModelRef,
  type PolicyRow,
} from "./agent-form-model";
import { AgentGuardCard } from "./agent-guard-card";
import { AgentModelCard } from "./agent-model-card";
import { AgentToolsCard } from "./agent-tools-card";

export type { AgentFormOptions, AgentFormVocabulary } from "./agent-form-model";

const TEXTAREA =
  "block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

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
  const [policy, setPolicy] = useState<Record<string, PolicyRow>>(() => toPolicyRows(vocabulary.detectors, initial.guardPolicy));
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
  const err: ErrorOf = (path) => fields[path] ?? Object.entries(fields).find(([key]) => key.startsWith(`${path}.`))?.[1] ?? null;
  const bytes = new TextEncoder().encode(instructions).length;

  const submit = () => {
    setUnchanged(false);
    const config = toAgentConfig(
      { name, description, instructions, model, fallbacks, temperature, maxTokens, tools, collections, policy },
      vocabulary,
    );
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

      <AgentModelCard
        model={model}
        setModel={setModel}
        fallbacks={fallbacks}
        setFallbacks={setFallbacks}
        temperature={temperature}
        setTemperature={setTemperature}
        maxTokens={maxTokens}
        setMaxTokens={setMaxTokens}
        err={err}
        options={options}
        vocabulary={vocabulary}
      />

      <AgentToolsCard
        tools={tools}
        setTools={setTools}
        collections={collections}
        setCollections={setCollections}
        err={err}
        options={options}
        vocabulary={vocabulary}
      />

      <AgentGuardCard policy={policy} setPolicy={setPolicy} err={err} vocabulary={vocabulary} />

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
