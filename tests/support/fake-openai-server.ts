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
 * A local server speaking OpenAI's Chat Completions streaming wire format
 * (`POST /v1/chat/completions`, `stream: true`): `data: {chat.completion.chunk}` events, tool
 * calls whose `arguments` arrive in fragments keyed by `index`, a usage chunk when the request
 * asked for `stream_options.include_usage`, then `data: [DONE]`. Error statuses answer with
 * OpenAI's JSON error body. Tests (and e2e, through `url`) script each reply:
 *
 *   const fake = await startFakeOpenAI({ script: [{ status: 429 }, { text: ["Hel", "lo"] }] });
 *   providerFor({ provider: "openai", baseUrl: fake.url, apiKey: "sk-test" })
 */

export type FakeOpenAIReply = Delivery & {
  /** Answer with this error status (401, 429, 500…) and OpenAI's error JSON instead of a stream. */
  status?: number;
  errorMessage?: string;
  /** Text deltas (a string is cut into words). */
  text?: string | string[];
  toolCalls?: { id?: string; name: string; arguments: Record<string, unknown> | string }[];
  /** Characters per argument fragment (default 7: cuts through keys and values). */
  argumentFragment?: number;
  usage?: { input: number; output: number } | null;
  finishReason?: string;
  /** Leave out `data: [DONE]` (and the finish reason): a stream cut short. */
  truncate?: boolean;
  /** Send `{error:{…}}` as an event after the text (some compatible servers do). */
  midStreamError?: string;
};

export type FakeOpenAI = {
  /** The base URL to configure, including `/v1`. */
  url: string;
  origin: string;
  requests: RecordedRequest[];
  setScript(script: Script<FakeOpenAIReply>): void;
  close(): Promise<void>;
};

const words = (text: string) => text.match(/\S+\s*|\s+/g) ?? [];

export function openAIEvents(reply: FakeOpenAIReply, request: RecordedRequest): { data: string }[] {
  const body = (request.body ?? {}) as { model?: string; stream_options?: { include_usage?: boolean } };
  const base = { id: "chatcmpl-fake", object: "chat.completion.chunk", created: 1_700_000_000, model: body.model ?? "fake" };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  const events: { data: string }[] = [{ data: chunk({ role: "assistant", content: "" }) }];
  const text = reply.text === undefined ? [] : typeof reply.text === "string" ? words(reply.text) : reply.text;
  for (const delta of text) events.push({ data: chunk({ content: delta }) });
  if (reply.midStreamError) events.push({ data: JSON.stringify({ error: { message: reply.midStreamError, type: "server_error" } }) });
  (reply.toolCalls ?? []).forEach((call, index) => {
    const args = typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments);
    events.push({
      data: chunk({
        tool_calls: [{ index, id: call.id ?? `call_${index}`, type: "function", function: { name: call.name, arguments: "" } }],
      }),
    });
    for (const piece of fragments(args, reply.argumentFragment ?? 7)) {
      events.push({ data: chunk({ tool_calls: [{ index, function: { arguments: piece } }] }) });
    }
  });
  if (reply.truncate) return events;
  events.push({ data: chunk({}, reply.finishReason ?? (reply.toolCalls?.length ? "tool_calls" : "stop")) });
  if (body.stream_options?.include_usage && reply.usage !== null) {
    const usage = reply.usage ?? { input: 11, output: text.length };
    events.push({
      data: JSON.stringify({
        ...base,
        choices: [],
        usage: { prompt_tokens: usage.input, completion_tokens: usage.output, total_tokens: usage.input + usage.output },
      }),
    });
  }
  events.push({ data: "[DONE]" });
  return events;
}

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "invalid_request_error",
  403: "permission_error",
  404: "not_found_error",
  429: "rate_limit_exceeded",
  500: "server_error",
  503: "server_error",
};

export async function startFakeOpenAI(options: { script: Script<FakeOpenAIReply>; apiKey?: string }): Promise<FakeOpenAI> {
  let script = options.script;
  const server = await startFakeServer(async (request, res, index) => {
    if (request.method !== "POST" || request.path !== "/v1/chat/completions") {
      return sendJson(res, 404, { error: { message: `Unknown route ${request.path}`, type: "invalid_request_error" } });
    }
    // Like OpenAI: a wrong key is echoed back in the message (the client must scrub it).
    const auth = String(request.headers.authorization ?? "");
    if (options.apiKey && auth !== `Bearer ${options.apiKey}`) {
      return sendJson(res, 401, {
        error: {
          message: `Incorrect API key provided: ${auth.replace(/^Bearer /, "")}.`,
          type: "invalid_request_error",
          code: "invalid_api_key",
        },
      });
    }
    const reply = pickReply(script, request, index);
    if (reply.status && reply.status >= 400) {
      if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
      return sendJson(
        res,
        reply.status,
        {
          error: {
            message: reply.errorMessage ?? `Fake error ${reply.status}`,
            type: ERROR_TYPES[reply.status] ?? "server_error",
            code: null,
          },
        },
        reply.status === 429 ? { "retry-after": "1" } : {},
      );
    }
    await writeSse(res, openAIEvents(reply, request), reply);
  });
  return {
    url: `${server.origin}/v1`,
    origin: server.origin,
    requests: server.requests,
    setScript: (next) => {
      script = next;
    },
    close: server.close,
  };
}
