import { createHash } from "node:crypto";

/**
 * What makes two create requests "the same request" for Idempotency-Key: the agent, the prompt
 * and the conversation. Whether the answer is streamed is how it is delivered, not what is
 * asked, so a retry may switch between JSON and SSE and still get the same run.
 */
export function runRequestHash(input: { agentId: string; input: string; conversationId?: string | null }): string {
  const canonical = JSON.stringify([input.agentId, input.input, input.conversationId ?? null]);
  return createHash("sha256").update(canonical).digest("hex");
}
