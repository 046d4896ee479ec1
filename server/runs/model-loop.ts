import {
  costMicros,
  ProviderError,
  withFallback,
  type Candidate,
  type ChatMessage,
  type LocalContext,
  type ModelProvider,
  type FallbackStep,
  type ToolCall,
  type Usage,
} from "@/server/agents/providers";
import { logger } from "../obs/logger";
import { MAX_TOOL_ITERATIONS } from "./limits";
import type { OutputGate } from "./output-gate";
import type { RunTool, ToolContext } from "./ports";
import { runToolCall } from "./run-tools";
import type { StepWriter } from "./step-writer";
import type { Source } from "./knowledge-access";

export type Totals = { inputTokens: number; outputTokens: number; costMicros: number };

export type LoopInput = {
  tenantId: string;
  requestId: string;
  messages: ChatMessage[];
  temperature: number;
  maxTokens: number;
  candidates: Candidate[];
  providerOf: (candidate: Candidate, localContext: LocalContext) => ModelProvider;
  localContext: LocalContext;
  takeSources: () => Source[];
  tools: RunTool[];
  toolCtx: (signal: AbortSignal) => Promise<ToolContext>;
  gate: OutputGate;
  steps: StepWriter;
  totals: Totals;
  /** Aborted when the client leaves, or by the loop itself when the output guard blocks. */
  controller: AbortController;
};

/**
 * The model turns of a run, outside any transaction: each turn goes down the agent's models
 * (fallbacks recorded as steps), its text through the output gate, its tool calls run and fed
 * back, until the model answers without tools or the tool budget is spent (the last turn is
 * offered none). Returns the model that served the last turn. Stops at once when the gate blocks.
 */
export async function modelLoop(input: LoopInput): Promise<Candidate | null> {
  const { gate, steps, totals, controller } = input;
  const specs = input.tools.map((t) => t.spec);
  let served: Candidate | null = null;
  for (let turn = 0; ; turn++) {
    const offerTools = specs.length > 0 && turn < MAX_TOOL_ITERATIONS;
    let attemptStarted = Date.now();
    let startedAt = new Date();
    let serving: Candidate | null = null;
    let usage: Usage | null = null;
    let finishReason: string | null = null;
    let text = "";
    const calls: ToolCall[] = [];
    const events = withFallback(
      input.tenantId,
      input.candidates,
      (candidate) =>
        input.providerOf(candidate, input.localContext).stream({
          model: candidate.model,
          messages: input.messages,
          temperature: input.temperature,
          maxTokens: input.maxTokens,
          ...(offerTools ? { tools: specs } : {}),
          signal: controller.signal,
        }),
      { signal: controller.signal },
    );
    try {
      for await (const event of events) {
        if (event.type === "fallback") {
          const { candidate, reason, status, latencyMs, next } = event;
          const message = stepMessage(event, input.requestId);
          await steps.record({
            kind: "fallback",
            status: "error",
            name: `${candidate.provider}/${candidate.model}`,
            provider: candidate.provider,
            model: candidate.model,
            detail: { reason, message, httpStatus: status, next: next ? `${next.provider}/${next.model}` : null },
            latencyMs,
            startedAt: new Date(Date.now() - latencyMs),
          });
          attemptStarted = Date.now();
          startedAt = new Date();
        } else if (event.type === "serving") serving = event.candidate;
        else if (event.type === "text") {
          text += event.delta;
          if (gate.push(event.delta)) break;
        } else if (event.type === "tool_call") calls.push(event.call);
        else if (event.type === "done") {
          usage = event.usage;
          finishReason = event.finishReason;
        }
      }
    } catch (error) {
      // Our own abort after a block is how the model was stopped, not a failure.
      if (!gate.blocked) {
        // A model that failed after it had started answering (no fallback may answer over it): its call is a step too.
        if (serving) await recordFailedCall(steps, serving, attemptStarted, startedAt, error).catch(() => {});
        throw error;
      }
    }
    if (gate.blocked) controller.abort();
    served = serving ?? served;
    if (serving) {
      const cost = usage ? costMicros(serving.provider, serving.model, usage) : 0;
      totals.inputTokens += usage?.inputTokens ?? 0;
      totals.outputTokens += usage?.outputTokens ?? 0;
      totals.costMicros += cost;
      await steps.record({
        kind: "model_call",
        status: gate.blocked ? "stopped" : "ok",
        name: `${serving.provider}/${serving.model}`,
        provider: serving.provider,
        model: serving.model,
        detail: {
          finishReason: gate.blocked ? "guard_blocked" : finishReason,
          toolCalls: calls.map((c) => c.name),
          sources: input.takeSources(),
          outputChars: text.length,
        },
        inputTokens: usage?.inputTokens ?? 0,
        outputTokens: usage?.outputTokens ?? 0,
        costMicros: cost,
        latencyMs: Date.now() - attemptStarted,
        startedAt,
      });
    }
    if (gate.blocked || calls.length === 0 || !offerTools) return served;
    input.messages.push({ role: "assistant", content: text, toolCalls: calls });
    for (const call of calls) {
      const content = await runToolCall(call, input.tools, input.toolCtx, controller.signal, steps);
      input.messages.push({ role: "tool", content, toolCallId: call.id });
    }
  }
}

/**
 * What a fallback step may say. Provider errors are written to be shown (scrubbed of keys);
 * anything else that stopped a model ("unavailable": our own code failing, a knowledge search
 * the local provider needed) could carry internals such as SQL, so it is logged, and the step
 * says only that it failed on our side.
 */
function stepMessage(event: FallbackStep, requestId: string): string {
  if (event.reason !== "unavailable") return event.message;
  logger.error({ requestId, model: `${event.candidate.provider}/${event.candidate.model}`, reason: event.message }, "model unavailable");
  return `${event.candidate.provider}/${event.candidate.model} could not be used because of an error on our side (request ${requestId}).`;
}

async function recordFailedCall(steps: StepWriter, serving: Candidate, attemptStarted: number, startedAt: Date, error: unknown) {
  if (!(error instanceof ProviderError)) return;
  await steps.record({
    kind: "model_call",
    status: "error",
    name: `${serving.provider}/${serving.model}`,
    provider: serving.provider,
    model: serving.model,
    detail: { error: error.toJSON() },
    latencyMs: Date.now() - attemptStarted,
    startedAt,
  });
}
