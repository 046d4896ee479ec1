import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from "../definition";
import { incoming, isBranching } from "../graph";
import type { TemplateScope } from "../template";

/** How a node ended, as the engine remembers it between steps (step results are JSON). */
export type NodeOutcome = {
  state: "completed" | "failed" | "skipped" | "cancelled";
  output?: Record<string, unknown> | null;
  error?: { code: string; message: string } | null;
};

/** An edge carries the run on when its source completed and, from a condition or approval, went its way. */
export function edgeActive(edge: WorkflowEdge, source: WorkflowNode, outcome: NodeOutcome | undefined): boolean {
  if (outcome?.state !== "completed") return false;
  if (!isBranching(source)) return true;
  const held = source.kind === "condition" ? outcome.output?.result === true : outcome.output?.approved === true;
  return (edge.branch ?? "true") === "true" ? held : !held;
}

/** Nodes not yet settled whose every upstream node has settled: the next level, run together. */
export function readyNodes(def: WorkflowDefinition, outcomes: Record<string, NodeOutcome>): WorkflowNode[] {
  const into = incoming(def);
  return def.nodes.filter((n) => !outcomes[n.id] && (into.get(n.id) ?? []).every((e) => outcomes[e.from]));
}

/** A node runs when it has no inputs or at least one active input (a join after a branch); otherwise it is skipped. */
export function shouldRun(def: WorkflowDefinition, node: WorkflowNode, outcomes: Record<string, NodeOutcome>): boolean {
  const edges = incoming(def).get(node.id) ?? [];
  if (!edges.length) return true;
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  return edges.some((e) => edgeActive(e, byId.get(e.from)!, outcomes[e.from]));
}

export function scopeOf(input: Record<string, unknown>, outcomes: Record<string, NodeOutcome>): TemplateScope {
  const nodes: TemplateScope["nodes"] = {};
  for (const [id, outcome] of Object.entries(outcomes)) if (outcome.state === "completed") nodes[id] = { output: outcome.output ?? {} };
  return { input, nodes };
}

/** What a finished run returns: the outputs of its last nodes (those nothing follows) that completed. */
export function runOutput(def: WorkflowDefinition, outcomes: Record<string, NodeOutcome>): Record<string, unknown> {
  const sources = new Set(def.edges.map((e) => e.from));
  return Object.fromEntries(
    def.nodes.filter((n) => !sources.has(n.id) && outcomes[n.id]?.state === "completed").map((n) => [n.id, outcomes[n.id]!.output ?? {}]),
  );
}
