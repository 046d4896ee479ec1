"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import type { NodeKind, WorkflowDefinition, WorkflowNode } from "@/server/workflows/definition";
import { useErrorText } from "@/components/actions/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { addEdge, newNode, problemsOf, removeNode, renameNode, toDefinition, type EditorState, type Problem } from "./editor-model";
import { GraphCanvas } from "./graph-canvas";
import { HookSecretDialog } from "./hook-secret-dialog";
import { NodePanel } from "./node-panel";

const KINDS: NodeKind[] = ["agent", "condition", "approval", "webhook"];

/**
 * Builds a workflow: details, a palette, the live graph, and the selected node's panel. Saving
 * sends the whole definition; the server's refusal (which names the node) is shown on that node
 * and beside the field at fault.
 */
export function WorkflowEditor({
  workflowId,
  initial,
  agents,
  base,
  hookBase,
  tenantId,
}: {
  workflowId?: string;
  initial: { name: string; description: string; definition: WorkflowDefinition };
  agents: { id: string; name: string }[];
  base: string;
  /** The public origin the inbound webhook is reached at. */
  hookBase: string;
  tenantId: string;
}) {
  const t = useTranslations("workflows.editor");
  const tk = useTranslations("workflows.kinds");
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useErrorText();
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const [state, setState] = useState<EditorState>({ nodes: initial.definition.nodes, edges: initial.definition.edges });
  const [selected, setSelected] = useState<string | null>(initial.definition.nodes[0]?.id ?? null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const create = useMutation(trpc.workflows.create.mutationOptions());
  const update = useMutation(trpc.workflows.update.mutationOptions());
  const pending = create.isPending || update.isPending;

  const counts = useMemo(() => {
    const map: Record<string, number> = {};
    for (const p of problems) if (p.nodeId) map[p.nodeId] = (map[p.nodeId] ?? 0) + 1;
    return map;
  }, [problems]);
  const node = state.nodes.find((n) => n.id === selected) ?? null;
  const replaceNode = (next: WorkflowNode) => setState((s) => ({ ...s, nodes: s.nodes.map((n) => (n.id === next.id ? next : n)) }));

  async function save() {
    setNotice(null);
    try {
      const definition = toDefinition(state);
      if (workflowId) {
        const saved = await update.mutateAsync({ id: workflowId, name, description, definition });
        setProblems([]);
        setNotice({ tone: "success", text: saved.changed ? t("saved", { version: saved.currentVersion }) : t("unchanged") });
        router.refresh();
      } else {
        const saved = await create.mutateAsync({ name, description, definition });
        setProblems([]);
        setCreated({ id: saved.id, secret: saved.hookSecret });
      }
    } catch (error) {
      const found = problemsOf(error, state.nodes);
      setProblems(found);
      if (found[0]?.nodeId) setSelected(found[0].nodeId);
      setNotice({ tone: "error", text: t("invalid", { message: errorText(error) ?? "" }) });
    }
  }

  return (
    <div className="space-y-4">
      <Card>
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field label={t("name")} error={problems.find((p) => p.path === "name")?.message}>
            {(p) => <Input {...p} value={name} maxLength={100} required onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t("description")}>
            {(p) => <Input {...p} value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
        </CardBody>
      </Card>
      <div role="toolbar" aria-label={t("palette")} className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-slate-700">{t("palette")}:</span>
        {KINDS.map((kind) => (
          <Button
            key={kind}
            type="button"
            variant="secondary"
            size="sm"
            onClick={() => {
              const added = newNode(kind, state.nodes, agents[0]?.id);
              setState((s) => ({ ...s, nodes: [...s.nodes, added] }));
              setSelected(added.id);
            }}
          >
            + {tk(kind)}
          </Button>
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-3">
          <p className="text-xs text-slate-500">{t("canvasHint")}</p>
          <GraphCanvas
            nodes={state.nodes}
            edges={state.edges}
            selectedId={selected}
            problemCounts={counts}
            onSelect={setSelected}
            onMove={(id, position) => setState((s) => ({ ...s, nodes: s.nodes.map((n) => (n.id === id ? { ...n, position } : n)) }))}
            onConnect={(from, to) => {
              const source = state.nodes.find((n) => n.id === from);
              const branching = source?.kind === "condition" || source?.kind === "approval";
              setState((s) => addEdge(s, { from, to, ...(branching ? { branch: "true" as const } : {}) }));
            }}
          />
          <nav aria-label={t("nodes")}>
            {state.nodes.length === 0 ? <p className="text-sm text-slate-500">{t("noNodes")}</p> : null}
            <ul className="flex flex-wrap gap-2">
              {state.nodes.map((n) => (
                <li key={n.id}>
                  <Button
                    type="button"
                    size="sm"
                    variant={n.id === selected ? "primary" : "ghost"}
                    aria-pressed={n.id === selected}
                    aria-label={t("select", { id: n.id })}
                    onClick={() => setSelected(n.id)}
                  >
                    {n.id}
                    {counts[n.id] ? ` ⚠ ${counts[n.id]}` : ""}
                  </Button>
                </li>
              ))}
            </ul>
          </nav>
        </div>
        <Card>
          <CardBody>
            {node ? (
              <NodePanel
                key={node.id}
                node={node}
                nodes={state.nodes}
                edges={state.edges}
                agents={agents}
                problems={problems.filter((p) => p.nodeId === node.id)}
                onChange={replaceNode}
                onRename={(to) => {
                  setState((s) => renameNode(s, node.id, to));
                  setSelected(to);
                }}
                onRemove={() => {
                  setState((s) => removeNode(s, node.id));
                  setSelected(null);
                }}
                onConnect={(edge) => setState((s) => addEdge(s, edge))}
                onDisconnect={(edge) => setState((s) => ({ ...s, edges: s.edges.filter((e) => e !== edge) }))}
              />
            ) : (
              <p className="text-sm text-slate-500">{t("none")}</p>
            )}
          </CardBody>
        </Card>
      </div>
      {notice ? <Alert tone={notice.tone === "error" ? "error" : "success"}>{notice.text}</Alert> : null}
      <div className="flex justify-end">
        <Button type="button" onClick={save} pending={pending} disabled={pending || !name.trim()}>
          {pending ? t("saving") : t("save")}
        </Button>
      </div>
      <HookSecretDialog
        secret={created?.secret ?? null}
        hookUrl={created ? `${hookBase}/api/v1/workflows/${created.id}/hooks/${tenantId}` : ""}
        onClose={() => {
          const id = created?.id;
          setCreated(null);
          if (id) router.push(`${base}/${id}`);
        }}
      />
    </div>
  );
}
