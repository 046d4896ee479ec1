"use client";

import {
  Background,
  Controls,
  Handle,
  Position,
  ReactFlow,
  type Connection,
  type Edge,
  type Node,
  type NodeChange,
  type NodeProps,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { WorkflowEdge, WorkflowNode } from "@/server/workflows/definition";
import { cn } from "@/components/ui/cn";
import { STATE_STYLES, type NodeState } from "./state-style";

type CardData = { node: WorkflowNode; selected: boolean; problems: number; state?: NodeState };

/** One node on the canvas: its kind, id, and either its problems (editor) or its state (run view) in words, not colour alone. */
function NodeCard({ data }: NodeProps<Node<CardData>>) {
  const t = useTranslations("workflows");
  const style = data.state ? STATE_STYLES[data.state] : null;
  return (
    <div
      className={cn(
        "min-w-40 rounded-md border bg-white px-3 py-2 text-left text-xs shadow-sm",
        data.selected ? "border-brand-600 ring-2 ring-brand-300" : "border-slate-300",
        data.problems ? "border-red-500 ring-2 ring-red-200" : null,
        style?.box,
      )}
      data-testid={`node-${data.node.id}`}
      data-state={data.state}
    >
      <Handle type="target" position={Position.Top} />
      <p className="font-semibold text-slate-900">{data.node.label || data.node.id}</p>
      <p className="text-slate-500">{t(`kinds.${data.node.kind}`)}</p>
      {data.problems ? <p className="mt-1 font-medium text-red-700">{t("editor.nodeErrors", { count: data.problems })}</p> : null}
      {data.state ? <p className={cn("mt-1 font-medium", style?.text)}>{t(`states.${data.state}`)}</p> : null}
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
}

const nodeTypes = { card: NodeCard };

/**
 * The graph as a picture: drag to arrange, drag handle to handle to connect. It is a view — every
 * change it makes is also possible from the side panel's forms, which are the keyboard path.
 */
export function GraphCanvas({
  nodes,
  edges,
  selectedId,
  problemCounts = {},
  states,
  onSelect,
  onMove,
  onConnect,
  className,
}: {
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  selectedId?: string | null;
  problemCounts?: Record<string, number>;
  states?: Record<string, NodeState>;
  onSelect?: (id: string) => void;
  onMove?: (id: string, position: { x: number; y: number }) => void;
  onConnect?: (from: string, to: string) => void;
  className?: string;
}) {
  const t = useTranslations("workflows");
  const flowNodes = useMemo<Node<CardData>[]>(
    () =>
      nodes.map((node, i) => ({
        id: node.id,
        type: "card",
        position: node.position ?? { x: 40 + (i % 3) * 200, y: 40 + Math.floor(i / 3) * 140 },
        data: { node, selected: node.id === selectedId, problems: problemCounts[node.id] ?? 0, state: states?.[node.id] },
      })),
    [nodes, selectedId, problemCounts, states],
  );
  const flowEdges = useMemo<Edge[]>(
    () =>
      edges.map((edge) => ({
        id: `${edge.from}->${edge.to}`,
        source: edge.from,
        target: edge.to,
        label: edge.branch === "false" ? t("panel.branchFalse") : edge.branch === "true" ? t("panel.branchTrue") : undefined,
        animated: states?.[edge.from] === "running",
      })),
    [edges, states, t],
  );
  const onNodesChange = (changes: NodeChange<Node<CardData>>[]) => {
    for (const change of changes) {
      if (change.type === "position" && change.position && onMove) onMove(change.id, change.position);
    }
  };
  return (
    <div
      className={cn("h-96 w-full rounded-md border border-slate-200 bg-slate-50", className)}
      aria-label={t("editor.canvas")}
      role="figure"
    >
      <ReactFlow
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={(_, node) => onSelect?.(node.id)}
        onConnect={(c: Connection) => c.source && c.target && onConnect?.(c.source, c.target)}
        nodesDraggable={Boolean(onMove)}
        nodesConnectable={Boolean(onConnect)}
        fitView
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
