import { createServer } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerFor, ProviderError } from "@/server/agents/providers";
import { openAIProvider } from "@/server/agents/providers/openai";
import { AWKWARD_SPLIT } from "../support/fake-model-server";
import { startFakeOpenAI, type FakeOpenAI } from "../support/fake-openai-server";
import { collect } from "./helpers";

const KEY = "sk-test-0123456789abcdefSECRET";

describe("openai provider over HTTP", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ script: { text: "Hello there" }, apiKey: KEY });
  });
  afterAll(() => fake.close());

  const provider = (timeouts?: { firstByteMs?: number; idleMs?: number; totalMs?: number }) =>
    providerFor({ provider: "openai", baseUrl: fake.url, apiKey: KEY, timeouts });

  it("streams text deltas and reports usage, sending the wire format OpenAI expects", async () => {
    fake.setScript({ text: ["Hel", "lo, ", "wörld ", "你好"], usage: { input: 21, output: 4 } });
    const before = fake.requests.length;
    const result = await collect(provider(), {
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
      temperature: 0.3,
      maxTokens: 99,
      tools: [{ name: "calculator", description: "Adds", parameters: { type: "object", properties: { a: { type: "number" } } } }],
    });
    expect(result.error).toBeNull();
    expect(result.events.filter((e) => e.type === "text").map((e) => (e.type === "text" ? e.delta : ""))).toEqual([
      "Hel",
      "lo, ",
      "wörld ",
      "你好",
    ]);
    expect(result.done).toEqual({ type: "done", usage: { inputTokens: 21, outputTokens: 4 }, finishReason: "stop" });
    const request = fake.requests[before]!;
    expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request.body).toMatchObject({
      model: "gpt-4o-mini",
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      max_tokens: 99,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
      ],
      tools: [{ type: "function", function: { name: "calculator", description: "Adds" } }],
    });
  });

  it("survives bytes cut at awkward places (inside UTF-8 characters, CRLF pairs, `data:` prefixes)", async () => {
    const text = ["Grüße ", "aus ", "北京", "… ", "🙂 ", "done"];
    fake.setScript({ text, splitBytes: AWKWARD_SPLIT, lineEnding: "\r\n", usage: { input: 3, output: 6 } });
    const result = await collect(provider());
    expect(result.error).toBeNull();
    expect(result.text).toBe(text.join(""));
    expect(result.done?.usage).toEqual({ inputTokens: 3, outputTokens: 6 });
  });

  it("joins streamed tool-call argument fragments into whole calls, in order", async () => {
    fake.setScript({
      text: "Let me check.",
      toolCalls: [
        { id: "call_a", name: "knowledge_search", arguments: { query: "refund policy “quoted”", limit: 3 } },
        { id: "call_b", name: "calculator", arguments: { expression: "2 * (3 + 4)" } },
      ],
      argumentFragment: 3,
      splitBytes: [5, 2, 9],
    });
    const result = await collect(provider());
    expect(result.error).toBeNull();
    expect(result.text).toBe("Let me check.");
    expect(result.toolCalls).toEqual([
      { id: "call_a", name: "knowledge_search", arguments: { query: "refund policy “quoted”", limit: 3 } },
      { id: "call_b", name: "calculator", arguments: { expression: "2 * (3 + 4)" } },
    ]);
    expect(result.done?.finishReason).toBe("tool_calls");
    // Tool calls come before done.
    expect(result.events.at(-1)?.type).toBe("done");
  });

  it("sends tool results and earlier tool calls back in OpenAI's shape", async () => {
    fake.setScript({ text: "14" });
    const before = fake.requests.length;
    await collect(provider(), {
      messages: [
        { role: "user", content: "What is 2*7?" },
        { role: "assistant", content: "", toolCalls: [{ id: "call_1", name: "calculator", arguments: { expression: "2*7" } }] },
        { role: "tool", toolCallId: "call_1", content: "14" },
      ],
    });
    const body = fake.requests[before]!.body as { messages: unknown[] };
    expect(body.messages).toEqual([
      { role: "user", content: "What is 2*7?" },
      {
        role: "assistant",
        content: null,
        tool_calls: [{ id: "call_1", type: "function", function: { name: "calculator", arguments: '{"expression":"2*7"}' } }],
      },
      { role: "tool", tool_call_id: "call_1", content: "14" },
    ]);
  });

  it("estimates usage when the server sends none (servers that ignore stream_options)", async () => {
    fake.setScript({ text: "four words of text", usage: null });
    const result = await collect(provider());
    expect(result.done?.usage.outputTokens).toBeGreaterThan(0);
    expect(result.done?.usage.inputTokens).toBeGreaterThan(0);
  });

  it("classifies 401 as auth (not retryable) and never repeats the key, even when the server echoes it", async () => {
    const wrong = "sk-wrong-key-AAAABBBBCCCCDDDD";
    const result = await collect(providerFor({ provider: "openai", baseUrl: fake.url, apiKey: wrong }));
    expect(result.error).toBeInstanceOf(ProviderError);
    const error = result.error as ProviderError;
    expect(error).toMatchObject({ kind: "auth", retryable: false, status: 401 });
    expect(error.message).toContain("Incorrect API key provided");
    expect(error.message).not.toContain(wrong);
    expect(JSON.stringify(error.toJSON())).not.toContain("AAAABBBB");
    expect(String(error.stack)).not.toContain(wrong);
  });

  it("classifies 429 and 500 as retryable HTTP errors, 400 as not", async () => {
    for (const [status, retryable] of [
      [429, true],
      [500, true],
      [503, true],
      [400, false],
    ] as const) {
      fake.setScript({ status, errorMessage: `boom ${status}` });
      const { error } = await collect(provider());
      expect(error, String(status)).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ kind: "http", status, retryable });
      expect((error as Error).message).toContain(`boom ${status}`);
    }
  });

  it("times out on a server that never answers, one that goes silent after the headers, and one that stalls mid-stream", async () => {
    for (const hang of ["before_headers", "after_headers", "mid_stream"] as const) {
      fake.setScript({ text: "a b c d e f", hang });
      const started = Date.now();
      const result = await collect(provider({ firstByteMs: 300, idleMs: 300, totalMs: 5_000 }));
      const took = Date.now() - started;
      expect(result.error, hang).toBeInstanceOf(ProviderError);
      expect(result.error).toMatchObject({ kind: "timeout", retryable: true });
      expect(took, hang).toBeLessThan(2_000);
      if (hang === "mid_stream") expect(result.text).not.toBe("");
    }
  });

  it("enforces the total time even while chunks keep coming", async () => {
    fake.setScript({ text: Array.from({ length: 40 }, (_, i) => `w${i} `), eventDelayMs: 50 });
    const result = await collect(provider({ firstByteMs: 1_000, idleMs: 1_000, totalMs: 400 }));
    expect(result.error).toMatchObject({ kind: "timeout" });
    expect((result.error as Error).message).toMatch(/did not finish within 400 ms/);
  });

  it("passes the caller's abort through as it is (not a provider failure)", async () => {
    fake.setScript({ text: "slow", hang: "after_headers" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("client went away")), 100);
    const result = await collect(provider({ firstByteMs: 5_000 }), { signal: controller.signal });
    expect(result.error).not.toBeInstanceOf(ProviderError);
    expect((result.error as Error).message).toBe("client went away");
  });

  it("reports a connection refused as a network error, and a stream cut short or malformed as bad_response", async () => {
    const closed = await startFakeOpenAI({ script: {} });
    const url = closed.url;
    await closed.close();
    const refused = await collect(providerFor({ provider: "openai", baseUrl: url, apiKey: KEY }));
    expect(refused.error).toMatchObject({ kind: "network", retryable: true });

    fake.setScript({ text: "half an answer", truncate: true });
    expect((await collect(provider())).error).toMatchObject({ kind: "bad_response" });

    fake.setScript({ toolCalls: [{ name: "calculator", arguments: '{"expression": "1+' }] });
    const broken = await collect(provider());
    expect(broken.error).toMatchObject({ kind: "bad_response" });
    expect((broken.error as Error).message).toMatch(/not JSON/);

    fake.setScript({ text: "x", dropAfterEvents: 2 });
    expect((await collect(provider())).error).toBeInstanceOf(ProviderError);
  });

  it("surfaces an error object sent mid-stream", async () => {
    fake.setScript({ text: "partial ", midStreamError: "model overloaded" });
    const result = await collect(provider());
    expect(result.text).toBe("partial ");
    expect(result.error).toMatchObject({ kind: "http", retryable: true });
  });

  it("works without a key (local OpenAI-compatible servers) and refuses redirects", async () => {
    const open = await startFakeOpenAI({ script: { text: "no key needed" } });
    try {
      const result = await collect(providerFor({ provider: "openai", baseUrl: `${open.url}/` }));
      expect(result.text).toBe("no key needed");
      expect(open.requests[0]!.headers.authorization).toBeUndefined();
    } finally {
      await open.close();
    }
    // A redirect would replay the Authorization header to wherever it points: refused.
    const redirecting = createServer((_req, res) => {
      res.writeHead(307, { location: `${fake.url}/chat/completions` });
      res.end();
    });
    await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
    const before = fake.requests.length;
    try {
      const port = (redirecting.address() as { port: number }).port;
      const result = await collect(providerFor({ provider: "openai", baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: KEY }));
      expect(result.error).toMatchObject({ kind: "network" });
      expect(fake.requests.length).toBe(before);
    } finally {
      await new Promise((resolve) => redirecting.close(resolve));
    }
  });

  it("in public-only mode (production's default) refuses hosts that are or resolve to private addresses, before sending anything", async () => {
    const before = fake.requests.length;
    const direct = await collect(providerFor({ provider: "openai", baseUrl: fake.url, apiKey: KEY, addressPolicy: "public-only" }));
    expect(direct.error).toMatchObject({ kind: "network", retryable: false });
    expect((direct.error as Error).message).toMatch(/Refused to call openai at 127\.0\.0\.1: it resolves to a private, loopback/);
    for (const address of ["10.1.2.3", "169.254.169.254", "::1", "fd00::5"]) {
      const rebinding = openAIProvider({
        baseUrl: "https://llm.attacker.example/v1",
        apiKey: KEY,
        addressPolicy: "public-only",
        resolve: async () => [{ address: "93.184.216.34" }, { address }],
      });
      const result = await collect(rebinding);
      expect(result.error, address).toMatchObject({ kind: "network", retryable: false });
      expect((result.error as Error).message).toContain(`llm.attacker.example`);
    }
    const unresolvable = openAIProvider({
      baseUrl: "https://nowhere.example/v1",
      addressPolicy: "public-only",
      resolve: async () => {
        throw new Error("ENOTFOUND");
      },
    });
    expect((await collect(unresolvable)).error).toMatchObject({ kind: "network", retryable: true });
    expect(fake.requests.length).toBe(before);
  });
});
