import { isIP } from "node:net";
import { vetAddress } from "../agents/tools/net/ip-policy";
import { conditionRefs, ConditionError, parseCondition } from "./condition";
import { templatedFields, type WorkflowDefinition } from "./definition";
import { ancestors, findCycle, isBranching } from "./graph";
import { TemplateError, templateRefs, type TemplateRef } from "./template";

/** One thing wrong with a definition: which node (if any), which field, and why (a catalogue key with its values). */
export type Problem = {
  nodeId: string | null;
  path: string;
  code:
    | "duplicate_id"
    | "unknown_edge_node"
    | "branch_not_allowed"
    | "cycle"
    | "bad_template"
    | "missing_node"
    | "not_upstream"
    | "unknown_agent"
    | "bad_condition"
    | "bad_url"
    | "private_url";
  params: Record<string, string>;
};

/** Agents a node may call: active or quarantined ones of this tenant (archived ones may not). */
export type AgentLookup = (ids: string[]) => Promise<Set<string>>;

function refProblems(def: WorkflowDefinition, nodeIndex: number, path: string, refs: TemplateRef[]): Problem[] {
  const node = def.nodes[nodeIndex]!;
  const ids = new Set(def.nodes.map((n) => n.id));
  const upstream = ancestors(def, node.id);
  const problems: Problem[] = [];
  for (const ref of refs) {
    if (ref.source !== "node") continue;
    if (!ids.has(ref.nodeId)) problems.push({ nodeId: node.id, path, code: "missing_node", params: { node: node.id, ref: ref.nodeId } });
    else if (!upstream.has(ref.nodeId))
      problems.push({ nodeId: node.id, path, code: "not_upstream", params: { node: node.id, ref: ref.nodeId } });
  }
  return problems;
}

/** Refuses what can never be a public webhook target, before any DNS (the run checks the resolved addresses again). */
function urlProblem(raw: string): Problem["code"] | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "bad_url";
  }
  if (url.protocol !== "https:" || url.username || url.password || !url.hostname) return "bad_url";
  const host = url.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local")) return "private_url";
  if (isIP(host) !== 0 && !vetAddress(host).allowed) return "private_url";
  return null;
}

/**
 * The graph checks, in the order a person would fix them: ids, edges, cycles, then each node's
 * references and settings. Returns every problem found (empty: valid).
 */
export async function findProblems(def: WorkflowDefinition, lookupAgents: AgentLookup): Promise<Problem[]> {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  def.nodes.forEach((node, i) => {
    if (seen.has(node.id)) problems.push({ nodeId: node.id, path: `nodes.${i}.id`, code: "duplicate_id", params: { node: node.id } });
    seen.add(node.id);
  });
  const byId = new Map(def.nodes.map((n) => [n.id, n]));
  def.edges.forEach((edge, i) => {
    for (const end of ["from", "to"] as const) {
      if (!byId.has(edge[end]))
        problems.push({ nodeId: null, path: `edges.${i}.${end}`, code: "unknown_edge_node", params: { node: edge[end] } });
    }
    const from = byId.get(edge.from);
    if (from && edge.branch && !isBranching(from)) {
      problems.push({ nodeId: from.id, path: `edges.${i}.branch`, code: "branch_not_allowed", params: { node: from.id } });
    }
  });
  if (problems.length) return problems;
  const cycle = findCycle(def);
  if (cycle) {
    const index = def.nodes.findIndex((n) => n.id === cycle[0]);
    return [{ nodeId: cycle[0]!, path: `nodes.${index}`, code: "cycle", params: { node: cycle[0]!, cycle: cycle.join(" → ") } }];
  }

  const agentIds = [...new Set(def.nodes.flatMap((n) => (n.kind === "agent" ? [n.agentId] : [])))];
  const known = agentIds.length ? await lookupAgents(agentIds) : new Set<string>();
  def.nodes.forEach((node, i) => {
    for (const { field, text } of templatedFields(node)) {
      const path = `nodes.${i}.${field}`;
      try {
        problems.push(...refProblems(def, i, path, templateRefs(text)));
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        problems.push({ nodeId: node.id, path, code: "bad_template", params: { node: node.id, fragment: error.fragment } });
      }
    }
    if (node.kind === "agent" && !known.has(node.agentId)) {
      problems.push({ nodeId: node.id, path: `nodes.${i}.agentId`, code: "unknown_agent", params: { node: node.id } });
    }
    if (node.kind === "condition") {
      const path = `nodes.${i}.expression`;
      try {
        problems.push(...refProblems(def, i, path, conditionRefs(parseCondition(node.expression))));
      } catch (error) {
        if (!(error instanceof ConditionError)) throw error;
        problems.push({ nodeId: node.id, path, code: "bad_condition", params: { node: node.id, reason: error.message } });
      }
    }
    if (node.kind === "webhook") {
      const code = urlProblem(node.url);
      if (code) problems.push({ nodeId: node.id, path: `nodes.${i}.url`, code, params: { node: node.id } });
    }
  });
  return problems;
}
