import type { ToolCall } from "@/server/agents/providers";
import { DomainError } from "../errors";
import { STEP_OUTPUT_CHARS, TOOL_TIMEOUT_MS } from "./limits";
import { ToolError } from "@/server/agents/tools";
import type { RunTool, ToolContext } from "./ports";
import type { StepWriter } from "./step-writer";

const BUILTIN_ERRORS = new Set(["Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "AggregateError"]);

/** What a tool's failure may say (its own errors speak for themselves; a bug in it says nothing of its internals). */
function toolErrorMessage(error: unknown): string {
  if (error instanceof DomainError || error instanceof ToolError) return error.message;
  if (error instanceof Error && error.name === "TimeoutError") return `The tool did not finish within ${TOOL_TIMEOUT_MS / 1000} s.`;
  if (error instanceof Error && !BUILTIN_ERRORS.has(error.name)) return error.message.slice(0, 300);
  return "The tool failed.";
}

const clip = (value: unknown) => {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  return text.length > STEP_OUTPUT_CHARS ? `${text.slice(0, STEP_OUTPUT_CHARS)}…` : text;
};

/**
 * Runs one tool call the model made, with a time limit and the run's cancellation, records it
 * as a `tool_call` step, and returns what the model is told. A tool that fails (or is not one of
 * the agent's) does not fail the run: the model is told it failed and answers without it.
 */
export async function runToolCall(
  call: ToolCall,
  tools: readonly RunTool[],
  toolCtx: (signal: AbortSignal) => Promise<ToolContext>,
  signal: AbortSignal,
  steps: StepWriter,
): Promise<string> {
  const started = new Date();
  const tool = tools.find((t) => t.spec.name === call.name);
  let content: string;
  try {
    if (!tool) throw new ToolRefused(`This agent has no tool named "${call.name}".`);
    const callSignal = AbortSignal.any([signal, AbortSignal.timeout(TOOL_TIMEOUT_MS)]);
    const result = await tool.run(call.arguments, await toolCtx(callSignal));
    content = typeof result.output === "string" ? result.output : JSON.stringify(result.output);
    await steps.record({
      kind: "tool_call",
      status: "ok",
      name: call.name,
      detail: { callId: call.id, arguments: call.arguments, summary: result.summary, output: clip(result.output) },
      latencyMs: Date.now() - started.getTime(),
      startedAt: started,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    const message = toolErrorMessage(error);
    content = JSON.stringify({ error: message });
    await steps.record({
      kind: "tool_call",
      status: "error",
      name: call.name,
      detail: { callId: call.id, arguments: call.arguments, error: message, code: error instanceof ToolError ? error.code : "tool_failed" },
      latencyMs: Date.now() - started.getTime(),
      startedAt: started,
    });
  }
  return content;
}

class ToolRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolRefused";
  }
}
