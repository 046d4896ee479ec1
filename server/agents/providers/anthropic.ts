import { errorForStatus, ProviderError, scrubbed } from "./errors";
import { parseJson, streamSse } from "./http";
import {
  DEFAULT_TIMEOUTS,
  type ChatMessage,
  type ModelEvent,
  type ModelProvider,
  type ModelRequest,
  type NetworkProviderConfig,
} from "./types";

/**
 * Anthropic's Messages API, streamed. `baseUrl` follows the Anthropic SDKs' convention: the
 * host without the version (`https://api.anthropic.com`); we POST to `${baseUrl}/v1/messages`.
 *
 * System messages become the `system` field; an assistant turn with tool calls becomes text and
 * `tool_use` blocks; tool results become `tool_result` blocks in a user turn (consecutive ones
 * merged, since the API wants user and assistant turns to alternate). A `tool_use` block's input
 * arrives as `input_json_delta` fragments, parsed when its block stops.
 */

export const ANTHROPIC_DEFAULT_BASE_URL = "https://api.anthropic.com";
export const ANTHROPIC_VERSION = "2023-06-01";

type Block = { type: "text"; text: string } | { type: "tool_use"; id: string; name: string; input: unknown } | Record<string, unknown>;
type WireMessage = { role: "user" | "assistant"; content: string | Block[] };

export function anthropicRequestBody(req: ModelRequest): Record<string, unknown> {
  const system = req.messages
    .filter((m) => m.role === "system")
    .map((m) => m.content)
    .join("\n\n");
  const messages: WireMessage[] = [];
  const push = (role: WireMessage["role"], blocks: Block[]) => {
    const last = messages.at(-1);
    if (last?.role === role) {
      const existing: Block[] = typeof last.content === "string" ? [{ type: "text", text: last.content }] : last.content;
      last.content = [...existing, ...blocks];
    } else messages.push({ role, content: blocks });
  };
  for (const m of req.messages as ChatMessage[]) {
    if (m.role === "system") continue;
    if (m.role === "tool") push("user", [{ type: "tool_result", tool_use_id: m.toolCallId ?? "", content: m.content }]);
    else if (m.role === "assistant") {
      const blocks: Block[] = m.content ? [{ type: "text", text: m.content }] : [];
      for (const call of m.toolCalls ?? []) blocks.push({ type: "tool_use", id: call.id, name: call.name, input: call.arguments });
      push("assistant", blocks);
    } else push("user", [{ type: "text", text: m.content }]);
  }
  return {
    model: req.model,
    max_tokens: req.maxTokens,
    temperature: req.temperature,
    ...(system ? { system } : {}),
    messages,
    ...(req.tools?.length
      ? { tools: req.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters })) }
      : {}),
    stream: true,
  };
}

type StreamEvent = {
  type: string;
  index?: number;
  message?: { usage?: { input_tokens?: number; output_tokens?: number } };
  content_block?: { type: string; id?: string; name?: string; text?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: { output_tokens?: number; input_tokens?: number };
  error?: { type?: string; message?: string };
};

/** Anthropic's in-stream error types → the HTTP status they stand for. */
const STREAM_ERROR_STATUS: Record<string, number> = {
  overloaded_error: 529,
  api_error: 500,
  rate_limit_error: 429,
  authentication_error: 401,
  permission_error: 403,
  invalid_request_error: 400,
};

export function anthropicProvider(config: NetworkProviderConfig): ModelProvider {
  const base = (config.baseUrl || ANTHROPIC_DEFAULT_BASE_URL).replace(/\/+$/, "");
  const timeouts = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
  return {
    id: "anthropic",
    async *stream(req: ModelRequest): AsyncIterable<ModelEvent> {
      const headers: Record<string, string> = { "anthropic-version": ANTHROPIC_VERSION };
      if (config.apiKey) headers["x-api-key"] = config.apiKey;
      const tools = new Map<number, { id: string; name: string; json: string }>();
      let inputTokens = 0;
      let outputTokens = 0;
      let stopReason: string | null = null;
      let stopped = false;
      for await (const sse of streamSse({
        provider: "anthropic",
        url: `${base}/v1/messages`,
        headers,
        body: anthropicRequestBody(req),
        signal: req.signal,
        timeouts,
        secret: config.apiKey,
        addressPolicy: config.addressPolicy ?? "public-only",
        resolve: config.resolve,
      })) {
        const event = parseJson<StreamEvent>("anthropic", sse.data);
        const type = event.type ?? sse.event;
        if (type === "message_start") {
          inputTokens = event.message?.usage?.input_tokens ?? 0;
          outputTokens = event.message?.usage?.output_tokens ?? 0;
        } else if (type === "content_block_start") {
          const block = event.content_block;
          if (block?.type === "tool_use") tools.set(event.index ?? 0, { id: block.id ?? "", name: block.name ?? "", json: "" });
          else if (block?.type === "text" && block.text) yield { type: "text", delta: block.text };
        } else if (type === "content_block_delta") {
          if (event.delta?.type === "text_delta" && event.delta.text) yield { type: "text", delta: event.delta.text };
          else if (event.delta?.type === "input_json_delta") {
            const tool = tools.get(event.index ?? 0);
            if (!tool)
              throw new ProviderError("bad_response", "anthropic sent tool input for a block that is not a tool_use", { retryable: false });
            tool.json += event.delta.partial_json ?? "";
          }
        } else if (type === "content_block_stop") {
          const tool = tools.get(event.index ?? 0);
          if (tool) {
            tools.delete(event.index ?? 0);
            let input: unknown = {};
            try {
              input = tool.json.trim() ? JSON.parse(tool.json) : {};
            } catch {
              throw new ProviderError("bad_response", `anthropic sent tool call ${tool.name} with input that is not JSON`, {
                retryable: false,
              });
            }
            if (typeof input !== "object" || input === null || Array.isArray(input)) {
              throw new ProviderError("bad_response", `anthropic sent tool call ${tool.name} whose input is not an object`, {
                retryable: false,
              });
            }
            yield { type: "tool_call", call: { id: tool.id, name: tool.name, arguments: input as Record<string, unknown> } };
          }
        } else if (type === "message_delta") {
          if (event.delta?.stop_reason) stopReason = event.delta.stop_reason;
          if (event.usage?.output_tokens !== undefined) outputTokens = event.usage.output_tokens;
          if (event.usage?.input_tokens) inputTokens = event.usage.input_tokens;
        } else if (type === "message_stop") {
          stopped = true;
          break;
        } else if (type === "error") {
          const status = STREAM_ERROR_STATUS[event.error?.type ?? ""] ?? 500;
          throw errorForStatus("anthropic", status, scrubbed(event.error?.message ?? event.error?.type ?? "stream error", config.apiKey));
        }
        // `ping` and unknown future event types are ignored, as the API asks.
      }
      if (!stopped) throw new ProviderError("bad_response", "anthropic ended the stream before message_stop", { retryable: true });
      yield { type: "done", usage: { inputTokens, outputTokens }, finishReason: stopReason ?? "end_turn" };
    },
  };
}
