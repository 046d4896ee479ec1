import { ProviderError } from "./errors";
import { parseJson, streamSse } from "./http";
import { approxMessageTokens, approxTokens } from "./tokens";
import {
  DEFAULT_TIMEOUTS,
  type ChatMessage,
  type ModelEvent,
  type ModelProvider,
  type ModelRequest,
  type NetworkProviderConfig,
  type ToolCall,
} from "./types";

/**
 * Any OpenAI-compatible Chat Completions endpoint (OpenAI, vLLM, Ollama, LM Studio…), streamed.
 *
 * `baseUrl` follows the OpenAI SDKs' convention: it includes the version, e.g.
 * `https://api.openai.com/v1` or `http://localhost:11434/v1`; we POST to `${baseUrl}/chat/completions`.
 * Tool-call arguments arrive as string fragments keyed by the call's `index`; they are joined and
 * parsed once the model finishes, and each call is emitted whole. Usage comes in a last chunk
 * (`stream_options.include_usage`); servers that ignore that option get an estimate.
 */

export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";

type OpenAIChunk = {
  choices?: {
    index?: number;
    delta?: {
      content?: string | null;
      tool_calls?: { index?: number; id?: string; type?: string; function?: { name?: string; arguments?: string } }[];
    };
    finish_reason?: string | null;
  }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  error?: { message?: string };
};

function toWire(message: ChatMessage): Record<string, unknown> {
  if (message.role === "tool") return { role: "tool", tool_call_id: message.toolCallId ?? "", content: message.content };
  if (message.role === "assistant" && message.toolCalls?.length) {
    return {
      role: "assistant",
      content: message.content || null,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: "function",
        function: { name: call.name, arguments: JSON.stringify(call.arguments) },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

export function openAIRequestBody(req: ModelRequest): Record<string, unknown> {
  return {
    model: req.model,
    messages: req.messages.map(toWire),
    temperature: req.temperature,
    max_tokens: req.maxTokens,
    stream: true,
    stream_options: { include_usage: true },
    ...(req.tools?.length
      ? {
          tools: req.tools.map((t) => ({
            type: "function",
            function: { name: t.name, description: t.description, parameters: t.parameters },
          })),
        }
      : {}),
  };
}

type PendingCall = { id: string; name: string; args: string };

function finishCalls(pending: Map<number, PendingCall>): ToolCall[] {
  const calls: ToolCall[] = [];
  for (const [index, call] of [...pending.entries()].sort(([a], [b]) => a - b)) {
    if (!call.name)
      throw new ProviderError("bad_response", `openai sent tool call #${index} without a function name`, { retryable: false });
    let args: unknown = {};
    if (call.args.trim()) {
      try {
        args = JSON.parse(call.args);
      } catch {
        throw new ProviderError("bad_response", `openai sent tool call ${call.name} with arguments that are not JSON`, {
          retryable: false,
        });
      }
    }
    if (typeof args !== "object" || args === null || Array.isArray(args)) {
      throw new ProviderError("bad_response", `openai sent tool call ${call.name} whose arguments are not an object`, { retryable: false });
    }
    calls.push({ id: call.id || `call_${index}`, name: call.name, arguments: args as Record<string, unknown> });
  }
  pending.clear();
  return calls;
}

export function openAIProvider(config: NetworkProviderConfig): ModelProvider {
  const base = (config.baseUrl || OPENAI_DEFAULT_BASE_URL).replace(/\/+$/, "");
  const timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  return {
    id: "openai",
    async *stream(req: ModelRequest): AsyncIterable<ModelEvent> {
      const headers: Record<string, string> = {};
      // Local servers (Ollama, vLLM) often run without a key.
      if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
      const pending = new Map<number, PendingCall>();
      let finishReason: string | null = null;
      let usage: { inputTokens: number; outputTokens: number } | null = null;
      let text = "";
      let sawDone = false;
      for await (const event of streamSse({
        provider: "openai",
        url: `${base}/chat/completions`,
        headers,
        body: openAIRequestBody(req),
        signal: req.signal,
        timeouts,
        secret: config.apiKey,
        addressPolicy: config.addressPolicy ?? "public-only",
        resolve: config.resolve,
      })) {
        if (event.data === "[DONE]") {
          sawDone = true;
          break;
        }
        const chunk = parseJson<OpenAIChunk>("openai", event.data);
        if (chunk.error) {
          throw new ProviderError(
            "http",
            `openai reported an error mid-stream: ${String(chunk.error.message ?? "unknown")}`.slice(0, 300),
            {
              retryable: true,
            },
          );
        }
        if (chunk.usage) {
          usage = { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
        }
        for (const choice of chunk.choices ?? []) {
          if ((choice.index ?? 0) !== 0) continue; // n = 1: only the first choice is ours
          const delta = choice.delta;
          if (delta?.content) {
            text += delta.content;
            yield { type: "text", delta: delta.content };
          }
          for (const fragment of delta?.tool_calls ?? []) {
            const index = fragment.index ?? 0;
            const call = pending.get(index) ?? { id: "", name: "", args: "" };
            if (fragment.id) call.id = fragment.id;
            if (fragment.function?.name) call.name += fragment.function.name;
            if (fragment.function?.arguments) call.args += fragment.function.arguments;
            pending.set(index, call);
          }
          if (choice.finish_reason) {
            finishReason = choice.finish_reason;
            for (const call of finishCalls(pending)) yield { type: "tool_call", call };
          }
        }
      }
      if (!sawDone && !finishReason) {
        throw new ProviderError("bad_response", "openai ended the stream before the answer was complete", { retryable: true });
      }
      for (const call of finishCalls(pending)) yield { type: "tool_call", call };
      yield {
        type: "done",
        usage: usage ?? { inputTokens: approxMessageTokens(req.messages), outputTokens: approxTokens(text) },
        finishReason: finishReason ?? "stop",
      };
    },
  };
}
