"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { WorkflowEdge, WorkflowNode } from "@/server/workflows/definition";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { fieldOf, type Problem } from "./editor-model";

const TEXTAREA =
  "block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-xs text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500";

type Agent = { id: string; name: string };

/**
 * The selected node's settings and its connections: the accessible way to build a workflow (the
 * canvas only mirrors it). Errors from the last save appear under the field they are about.
 */
export function NodePanel({
  node,
  nodes,
  edges,
  agents,
  problems,
  onChange,
  onRename,
  onRemove,
  onConnect,
  onDisconnect,
}: {
  node: WorkflowNode;
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  agents: Agent[];
  problems: Problem[];
  onChange: (node: WorkflowNode) => void;
  onRename: (to: string) => void;
  onRemove: () => void;
  onConnect: (edge: WorkflowEdge) => void;
  onDisconnect: (edge: WorkflowEdge) => void;
}) {
  const t = useTranslations("workflows.panel");
  const tk = useTranslations("workflows.kinds");
  const [idDraft, setIdDraft] = useState(node.id);
  const [target, setTarget] = useState("");
  const [branch, setBranch] = useState<"true" | "false">("true");
  const errorFor = (field: string) =>
    problems
      .filter((p) => fieldOf(p) === field)
      .map((p) => p.message)
      .join(" ") || null;
  const general = problems.filter(
    (p) => !fieldOf(p) || !["input", "agentId", "expression", "prompt", "url", "body", "id"].includes(fieldOf(p)!),
  );
  const set = (patch: Partial<WorkflowNode>) => onChange({ ...node, ...patch } as WorkflowNode);
  const number = (value: string, fallback: number) =>
    Number.isFinite(Number(value)) && value !== "" ? Math.round(Number(value)) : fallback;
  const outgoing = edges.filter((e) => e.from === node.id);
  const incoming = edges.filter((e) => e.to === node.id);
  const branching = node.kind === "condition" || node.kind === "approval";
  const targets = nodes.filter((n) => n.id !== node.id && !outgoing.some((e) => e.to === n.id));

  return (
    <section aria-labelledby="node-panel-title" className="space-y-4">
      <h2 id="node-panel-title" className="text-base font-semibold text-slate-900">
        {t("title")} · {tk(node.kind)}
      </h2>
      {general.length ? (
        <ul role="alert" className="list-disc space-y-1 pl-5 text-sm text-red-700">
          {general.map((p) => (
            <li key={p.path + p.message}>{p.message}</li>
          ))}
        </ul>
      ) : null}
      <Field label={t("id")} hint={t("idHint", { example: `{{nodes.${node.id}.output…}}` })} error={errorFor("id")}>
        {(p) => (
          <Input
            {...p}
            value={idDraft}
            maxLength={40}
            onChange={(e) => setIdDraft(e.target.value.toLowerCase())}
            onBlur={() => idDraft && idDraft !== node.id && !nodes.some((n) => n.id === idDraft) && onRename(idDraft)}
          />
        )}
      </Field>
      <Field label={t("label")}>
        {(p) => <Input {...p} value={node.label ?? ""} maxLength={80} onChange={(e) => set({ label: e.target.value })} />}
      </Field>
      {node.kind === "agent" ? (
        <>
          <Field label={t("agent")} error={errorFor("agentId")}>
            {(p) => (
              <Select {...p} value={node.agentId} onChange={(e) => set({ agentId: e.target.value })}>
                <option value="">{t("chooseAgent")}</option>
                {agents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t("input")} hint={t("inputHint")} error={errorFor("input")}>
            {(p) => (
              <textarea
                {...p}
                rows={4}
                className={TEXTAREA}
                value={node.input}
                maxLength={8000}
                onChange={(e) => set({ input: e.target.value })}
              />
            )}
          </Field>
        </>
      ) : null}
      {node.kind === "condition" ? (
        <Field label={t("expression")} hint={t("expressionHint")} error={errorFor("expression")}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              className={TEXTAREA}
              value={node.expression}
              maxLength={500}
              onChange={(e) => set({ expression: e.target.value })}
            />
          )}
        </Field>
      ) : null}
      {node.kind === "approval" ? (
        <Field label={t("prompt")} error={errorFor("prompt")}>
          {(p) => (
            <textarea
              {...p}
              rows={3}
              className={TEXTAREA}
              value={node.prompt}
              maxLength={2000}
              onChange={(e) => set({ prompt: e.target.value })}
            />
          )}
        </Field>
      ) : null}
      {node.kind === "webhook" ? (
        <>
          <Field label={t("url")} error={errorFor("url")}>
            {(p) => <Input {...p} type="url" value={node.url} maxLength={2048} onChange={(e) => set({ url: e.target.value })} />}
          </Field>
          <Field label={t("body")} error={errorFor("body")}>
            {(p) => (
              <textarea
                {...p}
                rows={3}
                className={TEXTAREA}
                value={node.body}
                maxLength={8000}
                onChange={(e) => set({ body: e.target.value })}
              />
            )}
          </Field>
        </>
      ) : null}
      <div className="grid grid-cols-2 gap-3">
        {node.kind !== "approval" ? (
          <Field label={t("retries")} error={errorFor("retries")}>
            {(p) => (
              <Input
                {...p}
                type="number"
                min={0}
                max={5}
                value={node.retries}
                onChange={(e) => set({ retries: number(e.target.value, 0) })}
              />
            )}
          </Field>
        ) : null}
        <Field label={node.kind === "approval" ? t("approvalTimeout") : t("timeout")} error={errorFor("timeoutSeconds")}>
          {(p) => (
            <Input
              {...p}
              type="number"
              min={1}
              value={node.timeoutSeconds}
              onChange={(e) => set({ timeoutSeconds: number(e.target.value, node.timeoutSeconds) })}
            />
          )}
        </Field>
      </div>

      <fieldset className="space-y-2 rounded-md border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">{t("connections")}</legend>
        {incoming.length ? (
          <p className="text-xs text-slate-600">
            {t("from")}: {incoming.map((e) => e.from).join(", ")}
          </p>
        ) : null}
        {outgoing.length ? (
          <ul className="space-y-1">
            {outgoing.map((edge) => (
              <li key={edge.to} className="flex items-center justify-between gap-2 text-sm">
                <span>
                  → {edge.to}
                  {branching ? ` (${edge.branch === "false" ? t("branchFalse") : t("branchTrue")})` : ""}
                </span>
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  aria-label={t("removeEdge", { to: edge.to })}
                  onClick={() => onDisconnect(edge)}
                >
                  ×
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-xs text-slate-500">{t("noConnections")}</p>
        )}
        {targets.length ? (
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-32 flex-1">
              <Field label={t("connectTo")}>
                {(p) => (
                  <Select {...p} value={target} onChange={(e) => setTarget(e.target.value)}>
                    <option value="">—</option>
                    {targets.map((n) => (
                      <option key={n.id} value={n.id}>
                        {n.id}
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
            </div>
            {branching ? (
              <div className="w-36">
                <Field label={t("branch")}>
                  {(p) => (
                    <Select {...p} value={branch} onChange={(e) => setBranch(e.target.value as "true" | "false")}>
                      <option value="true">{t("branchTrue")}</option>
                      <option value="false">{t("branchFalse")}</option>
                    </Select>
                  )}
                </Field>
              </div>
            ) : null}
            <Button
              type="button"
              variant="secondary"
              disabled={!target}
              onClick={() => {
                onConnect({ from: node.id, to: target, ...(branching ? { branch } : {}) });
                setTarget("");
              }}
            >
              {t("connect")}
            </Button>
          </div>
        ) : null}
      </fieldset>
      <Button type="button" variant="ghost" className="text-red-700" onClick={onRemove}>
        {t("deleteNode")}
      </Button>
    </section>
  );
}
