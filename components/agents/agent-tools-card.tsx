"use client";

import { useTranslations } from "next-intl";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { AgentFormOptions, AgentFormVocabulary, ErrorOf } from "./agent-form-model";

/** What the agent may use: its tools and the knowledge collections it searches. */
export function AgentToolsCard({
  tools,
  setTools,
  collections,
  setCollections,
  err,
  options,
  vocabulary,
}: {
  tools: Set<string>;
  setTools: (next: Set<string>) => void;
  collections: Set<string>;
  setCollections: (next: Set<string>) => void;
  err: ErrorOf;
  options: AgentFormOptions;
  vocabulary: AgentFormVocabulary;
}) {
  const t = useTranslations("agents.form");
  return (
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
  );
}
