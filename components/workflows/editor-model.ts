import type { NodeKind, WorkflowDefinition, WorkflowEdge, WorkflowNode } from "@/server/workflows/definition";

/** The editor's working copy: the definition as it will be saved. */
export type EditorState = { nodes: WorkflowNode[]; edges: WorkflowEdge[] };

export type Problem = { nodeId: string | null; path: string; message: string };

/** A fresh id for a new node of `kind` (agent-1, agent-2, …). */
function freshId(kind: NodeKind, nodes: WorkflowNode[]): string {
  const taken = new Set(nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`${kind}-${i}`)) return `${kind}-${i}`;
}

/** A node with sensible settings, placed below the others. */
export function newNode(kind: NodeKind, nodes: WorkflowNode[], agentId: string | undefined): WorkflowNode {
  const id = freshId(kind, nodes);
  const lowest = nodes.reduce((y, n) => Math.max(y, n.position?.y ?? 0), -120);
  const base = { id, retries: 0, timeoutSeconds: 120, position: { x: 80 + (nodes.length % 3) * 40, y: lowest + 140 } };
  switch (kind) {
    case "agent":
      return { ...base, kind, agentId: agentId ?? "", input: "{{input.message}}" };
    case "condition":
      return { ...base, kind, expression: '{{input.message}} contains "refund"', timeoutSeconds: 10 };
    case "approval":
      return { ...base, kind, prompt: "Approve this step?", timeoutSeconds: 86_400 };
    case "webhook":
      return { ...base, kind, url: "https://", body: "" };
  }
}

/** Renames a node and every edge that names it (references in text are the author's to update). */
export function renameNode(state: EditorState, from: string, to: string): EditorState {
  return {
    nodes: state.nodes.map((n) => (n.id === from ? { ...n, id: to } : n)),
    edges: state.edges.map((e) => ({ ...e, from: e.from === from ? to : e.from, to: e.to === from ? to : e.to })),
  };
}

export function removeNode(state: EditorState, id: string): EditorState {
  return { nodes: state.nodes.filter((n) => n.id !== id), edges: state.edges.filter((e) => e.from !== id && e.to !== id) };
}

export function addEdge(state: EditorState, edge: WorkflowEdge): EditorState {
  if (edge.from === edge.to || state.edges.some((e) => e.from === edge.from && e.to === edge.to)) return state;
  return { ...state, edges: [...state.edges, edge] };
}

export function toDefinition(state: EditorState): WorkflowDefinition {
  return { nodes: state.nodes, edges: state.edges };
}

/**
 * The server's refusal, placed: `details.problems` name the node; plain zod issues carry a path
 * like `definition.nodes.2.input`, which names the node by index.
 */
export function problemsOf(error: unknown, nodes: WorkflowNode[]): Problem[] {
  const details = (error as { data?: { error?: { details?: Record<string, unknown> } } })?.data?.error?.details;
  const listed = details?.problems as { nodeId: string | null; path: string; message: string }[] | undefined;
  if (listed) return listed;
  const issues = (details?.issues as { path: string; message: string }[] | undefined) ?? [];
  return issues.map((issue) => {
    const index = /^definition\.nodes\.(\d+)/.exec(issue.path)?.[1];
    return { nodeId: index !== undefined ? (nodes[Number(index)]?.id ?? null) : null, path: issue.path, message: issue.message };
  });
}

/** The field a problem is about (`input`, `agentId`, …) when it names one. */
export function fieldOf(problem: Problem): string | null {
  return /^definition\.nodes\.\d+\.(\w+)/.exec(problem.path)?.[1] ?? null;
}
