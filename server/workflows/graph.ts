import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from "./definition";

/** The graph a definition describes: who feeds whom. Assumes ids are unique (validation checks first). */
export function incoming(def: WorkflowDefinition): Map<string, WorkflowEdge[]> {
  const map = new Map<string, WorkflowEdge[]>(def.nodes.map((n) => [n.id, []]));
  for (const edge of def.edges) map.get(edge.to)?.push(edge);
  return map;
}

export function outgoing(def: WorkflowDefinition): Map<string, WorkflowEdge[]> {
  const map = new Map<string, WorkflowEdge[]>(def.nodes.map((n) => [n.id, []]));
  for (const edge of def.edges) map.get(edge.from)?.push(edge);
  return map;
}

/** A cycle as a list of node ids (first repeated at the end), or null when the graph is a DAG. */
export function findCycle(def: WorkflowDefinition): string[] | null {
  const out = outgoing(def);
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, "open");
    stack.push(id);
    for (const edge of out.get(id) ?? []) {
      const seen = state.get(edge.to);
      if (seen === "open") return [...stack.slice(stack.indexOf(edge.to)), edge.to];
      if (!seen && out.has(edge.to)) {
        const found = visit(edge.to);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, "done");
    return null;
  };
  for (const node of def.nodes) {
    if (!state.has(node.id)) {
      const found = visit(node.id);
      if (found) return found;
    }
  }
  return null;
}

/** Every node upstream of `id` (its ancestors). */
export function ancestors(def: WorkflowDefinition, id: string): Set<string> {
  const into = incoming(def);
  const seen = new Set<string>();
  const queue = [id];
  while (queue.length) {
    for (const edge of into.get(queue.pop()!) ?? []) {
      if (!seen.has(edge.from)) {
        seen.add(edge.from);
        queue.push(edge.from);
      }
    }
  }
  return seen;
}

/** Nodes whose results decide which way an edge goes. */
export function isBranching(node: WorkflowNode): boolean {
  return node.kind === "condition" || node.kind === "approval";
}
