import { z } from "zod";

/**
 * A workflow's definition, as stored per version (jsonb) and sent by the editor and the API.
 * This schema checks each node's shape; `validateDefinition` checks the graph (ids, edges,
 * cycles, references, agents) and names the node at fault.
 */

export const NODE_ID = /^[a-z][a-z0-9_-]{0,39}$/;
export const MAX_NODES = 50;
export const MAX_EDGES = 200;
/** Seven days: long enough for a weekend, short enough that nobody forgets a pending approval. */
export const MAX_APPROVAL_SECONDS = 7 * 24 * 3600;

const position = z.object({ x: z.number().finite(), y: z.number().finite() });

const base = {
  id: z.string().regex(NODE_ID, "Use 1–40 lower-case letters, digits, - or _, starting with a letter."),
  label: z.string().trim().max(80).optional(),
  /** How many more times a failed node is tried (0: once). */
  retries: z.number().int().min(0).max(5).default(0),
  /** How long one attempt may take. */
  timeoutSeconds: z.number().int().min(1).max(3600).default(120),
  position: position.optional(),
};

export const agentNode = z.object({ ...base, kind: z.literal("agent"), agentId: z.uuid(), input: z.string().min(1).max(8000) });
export const conditionNode = z.object({ ...base, kind: z.literal("condition"), expression: z.string().min(1).max(500) });
export const approvalNode = z.object({
  ...base,
  kind: z.literal("approval"),
  prompt: z.string().min(1).max(2000),
  /** For an approval, the time a person has to decide (an undecided approval expires and fails the run). */
  timeoutSeconds: z.number().int().min(60).max(MAX_APPROVAL_SECONDS).default(86_400),
});
export const webhookNode = z.object({
  ...base,
  kind: z.literal("webhook"),
  url: z.string().min(1).max(2048),
  /** A template: the text sent as `text` in the JSON body. */
  body: z.string().max(8000).default(""),
});

export const workflowNode = z.discriminatedUnion("kind", [agentNode, conditionNode, approvalNode, webhookNode]);

export const workflowEdge = z.object({
  from: z.string().max(40),
  to: z.string().max(40),
  /** From a condition or an approval: taken when it held / was approved (`true`, the default) or not (`false`). */
  branch: z.enum(["true", "false"]).optional(),
});

export const workflowDefinition = z.object({
  nodes: z.array(workflowNode).min(1).max(MAX_NODES),
  edges: z.array(workflowEdge).max(MAX_EDGES).default([]),
});

export type WorkflowNode = z.infer<typeof workflowNode>;
export type WorkflowEdge = z.infer<typeof workflowEdge>;
export type WorkflowDefinition = z.infer<typeof workflowDefinition>;
export type NodeKind = WorkflowNode["kind"];
export const NODE_KINDS = ["agent", "condition", "approval", "webhook"] as const satisfies readonly NodeKind[];

/** The text fields of a node that may hold templates. */
export function templatedFields(node: WorkflowNode): { field: string; text: string }[] {
  switch (node.kind) {
    case "agent":
      return [{ field: "input", text: node.input }];
    case "approval":
      return [{ field: "prompt", text: node.prompt }];
    case "webhook":
      return [{ field: "body", text: node.body }];
    case "condition":
      return [];
  }
}
