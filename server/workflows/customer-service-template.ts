import type { WorkflowDefinition } from "./definition";

export const WORKFLOW_TEMPLATE_IDS = ["customer-service"] as const;
export type WorkflowTemplateId = (typeof WORKFLOW_TEMPLATE_IDS)[number];

/**
 * The seeds' customer-service flow: classify intent and retrieve from the knowledge base (in
 * parallel) → draft an answer → guard (the draft run's own guard verdict) → approval when the risk
 * is high → reply. Every agent node uses one agent (by default made from the customer-service agent
 * template, on the local provider). The prompts are for the model, so they stay English.
 */
export function customerServiceDefinition(agentId: string): WorkflowDefinition {
  const agent = (id: string, input: string, x: number, y: number) =>
    ({ id, kind: "agent", agentId, input, retries: 1, timeoutSeconds: 120, position: { x, y } }) as const;
  return {
    nodes: [
      agent(
        "classify",
        "Classify the intent of this customer message in one word (billing, shipping, returns, technical, other):\n{{input.message}}",
        0,
        0,
      ),
      agent("retrieve", "What does our knowledge base say about this?\n{{input.message}}", 260, 0),
      agent(
        "draft",
        "Draft a short reply to the customer.\nMessage: {{input.message}}\nIntent: {{nodes.classify.output.text}}\nWhat we know: {{nodes.retrieve.output.text}}",
        130,
        140,
      ),
      {
        id: "guard",
        kind: "condition",
        label: "Risk is high",
        expression:
          '{{nodes.draft.output.riskLevel}} == "high" or {{nodes.draft.output.riskLevel}} == "critical" or {{nodes.draft.output.status}} == "blocked"',
        retries: 0,
        timeoutSeconds: 10,
        position: { x: 130, y: 280 },
      },
      {
        id: "approve",
        kind: "approval",
        prompt: "The guard rated this draft reply high-risk. Send it?\n\n{{nodes.draft.output.text}}",
        retries: 0,
        timeoutSeconds: 86_400,
        position: { x: 0, y: 420 },
      },
      agent("reply", "Write the final reply to the customer from this draft:\n{{nodes.draft.output.text}}", 260, 560),
    ],
    edges: [
      { from: "classify", to: "draft" },
      { from: "retrieve", to: "draft" },
      { from: "draft", to: "guard" },
      { from: "guard", to: "approve", branch: "true" },
      { from: "guard", to: "reply", branch: "false" },
      { from: "approve", to: "reply", branch: "true" },
    ],
  };
}
