import {
  fragments,
  pickReply,
  sendJson,
  startFakeServer,
  writeSse,
  type Delivery,
  type RecordedRequest,
  type Script,
} from "./fake-model-server";

/**
 * A local server speaking Anthropic's Messages streaming wire format (`POST /v1/messages`,
 * `stream: true`, `anthropic-version` header required): `event:`/`data:` pairs message_start,
 * content_block_start, ping, content_block_delta (text_delta, input_json_delta),
 * content_block_stop, message_delta (stop_reason, usage), message_stop; errors as
 * `{type:"error", error:{type, message}}` with their HTTP status, or mid-stream as an `error` event.
 */

export type FakeAnthropicReply = Delivery & {
  status?: number;
  errorMessage?: string;
  text?: string | string[];
  toolCalls?: { id?: string; name: string; arguments: Record<string, unknown> | string }[];
  argumentFragment?: number;
  usage?: { input: number; output: number };
  stopReason?: string;
  /** Stop before message_stop (a stream cut short). */
  truncate?: boolean;
  /** An `error` event after the text (Anthropic's `overloaded_error` mid-stream). */
  midStreamError?: { type: string; message: string };
};

export type FakeAnthropic = {
  /** The base URL to configure (no version: the client adds `/v1/messages`). */
  url: string;
  requests: RecordedRequest[];
  setScript(script: Script<FakeAnthropicReply>): void;
  close(): Promise<void>;
};

const words = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_error",
  500: "api_error",
  529: "overloaded_error",
};

export function anthropicEvents(reply: FakeAnthropicReply, request: RecordedRequest): { event: string; data: string }[] {
  const body = (request.body ?? {}) as { model?: string };
  const usage = reply.usage ?? { input: 13, output: 0 };
  const ev = (type: string, payload: Record<string, unknown>) => ({ event: type, data: JSON.stringify({ type, ...payload }) });
  const events = [
    ev("message_start", {
      message: {
        id: "msg_fake",
        type: "message",
        role: "assistant",
        content: [],
        model: body.model ?? "fake",
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: usage.input, output_tokens: 1 },
      },
    }),
  ];
  let index = 0;
  const text = reply.text === undefined ? [] : typeof reply.text === "string" ? words(reply.text) : reply.text;
  if (text.length) {
    events.push(ev("content_block_start", { index, content_block: { type: "text", text: "" } }));
    events.push(ev("ping", {}));
    for (const delta of text) events.push(ev("content_block_delta", { index, delta: { type: "text_delta", text: delta } }));
    events.push(ev("content_block_stop", { index }));
    index++;
  }
  if (reply.midStreamError) events.push(ev("error", { error: reply.midStreamError }));
  for (const [n, call] of (reply.toolCalls ?? []).entries()) {
    const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
    events.push(
      ev("content_block_start", { index, content_block: { type: "tool_use", id: call.id ?? `toolu_${n}`, name: call.name, input: {} } }),
    );
    events.push(ev("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: "" } }));
    for (const piece of fragments(args, reply.argumentFragment ?? 6)) {
      events.push(ev("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: piece } }));
    }
    events.push(ev("content_block_stop", { index }));
    index++;
  }
  if (reply.truncate) return events;
  events.push(
    ev("message_delta", {
      delta: { stop_reason: reply.stopReason ?? (reply.toolCalls?.length ? "tool_use" : "end_turn"), stop_sequence: null },
      usage: { output_tokens: reply.usage?.output ?? text.length },
    }),
  );
  events.push(ev("message_stop", {}));
  return events;
}

export async function startFakeAnthropic(options: { script: Script<FakeAnthropicReply>; apiKey?: string }): Promise<FakeAnthropic> {
  let script = options.script;
  const server = await startFakeServer(async (request, res, index) => {
    const error = (status: number, message: string) =>
      sendJson(res, status, { type: "error", error: { type: ERROR_TYPES[status] ?? "api_error", message } });
    if (request.method !== "POST" || request.path !== "/v1/messages") return error(404, `Unknown route ${request.path}`);
    if (!request.headers["anthropic-version"]) return error(400, "anthropic-version: header is required");
    if (options.apiKey && request.headers["x-api-key"] !== options.apiKey) return error(401, "invalid x-api-key");
    const reply = pickReply(script, request, index);
    if (reply.status && reply.status >= 400) {
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      return error(reply.status, reply.errorMessage ?? `Fake error ${reply.status}`);
    }
    await writeSse(res, anthropicEvents(reply, request), reply);
  });
  return {
    url: server.origin,
    requests: server.requests,
    setScript: (next) => {
      script = next;
    },
    close: server.close,
  };
}
