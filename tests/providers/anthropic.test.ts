import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerFor, ProviderError } from "@/server/agents/providers";
import { AWKWARD_SPLIT } from "../support/fake-model-server";
import { startFakeAnthropic, type FakeAnthropic } from "../support/fake-anthropic-server";
import { collect } from "./helpers";

const KEY = "sk-ant-test-0123456789SECRET";

describe("anthropic provider over HTTP", () => {
  let fake: FakeAnthropic;
  beforeAll(async () => {
    fake = await startFakeAnthropic({ script: { text: "Hello" }, apiKey: KEY });
  });
  afterAll(() => fake.close());

  const provider = (timeouts?: { firstByteMs?: number; idleMs?: number; totalMs?: number }) =>
    providerFor({ provider: "anthropic", baseUrl: fake.url, apiKey: KEY, timeouts });

  it("streams text_delta events with usage from message_start and message_delta, in the Messages wire format", async () => {
    fake.setScript({ text: ["Bon", "jour ", "世界"], usage: { input: 42, output: 3 } });
    const before = fake.requests.length;
    const result = await collect(provider(), {
      model: "claude-sonnet-4-5",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: "Hi" },
      ],
      maxTokens: 77,
      tools: [{ name: "calculator", description: "Math", parameters: { type: "object", properties: {} } }],
    });
    expect(result.error).toBeNull();
    expect(result.text).toBe("Bonjour 世界");
    expect(result.done).toEqual({ type: "done", usage: { inputTokens: 42, outputTokens: 3 }, finishReason: "end_turn" });
    const request = fake.requests[before]!;
    expect(request.headers["x-api-key"]).toBe(KEY);
    expect(request.headers["anthropic-version"]).toBe("2023-06-01");
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toEqual({
      model: "claude-sonnet-4-5",
      max_tokens: 77,
      temperature: 0.2,
      system: "You are terse.",
      messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
      tools: [{ name: "calculator", description: "Math", input_schema: { type: "object", properties: {} } }],
      stream: true,
    });
  });

  it("assembles tool_use input from input_json_delta fragments, bytes cut awkwardly", async () => {
    fake.setScript({
      text: "Searching…",
      toolCalls: [
        { id: "toolu_1", name: "knowledge_search", arguments: { query: "退款政策", limit: 2 } },
        { id: "toolu_2", name: "http_request", arguments: { url: "https://example.com/a?b=c", method: "GET" } },
      ],
      argumentFragment: 4,
      splitBytes: AWKWARD_SPLIT,
      lineEnding: "\r\n",
    });
    const result = await collect(provider());
    expect(result.error).toBeNull();
    expect(result.text).toBe("Searching…");
    expect(result.toolCalls).toEqual([
      { id: "toolu_1", name: "knowledge_search", arguments: { query: "退款政策", limit: 2 } },
      { id: "toolu_2", name: "http_request", arguments: { url: "https://example.com/a?b=c", method: "GET" } },
    ]);
    expect(result.done?.finishReason).toBe("tool_use");
  });

  it("sends tool calls and results as tool_use / tool_result blocks, merging consecutive results into one user turn", async () => {
    fake.setScript({ text: "ok" });
    const before = fake.requests.length;
    await collect(provider(), {
      messages: [
        { role: "user", content: "Do two things" },
        {
          role: "assistant",
          content: "On it.",
          toolCalls: [
            { id: "t1", name: "calculator", arguments: { expression: "1+1" } },
            { id: "t2", name: "calculator", arguments: { expression: "2+2" } },
          ],
        },
        { role: "tool", toolCallId: "t1", content: "2" },
        { role: "tool", toolCallId: "t2", content: "4" },
      ],
    });
    expect((fake.requests[before]!.body as { messages: unknown }).messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Do two things" }] },
      {
        role: "assistant",
        content: [
          { type: "text", text: "On it." },
          { type: "tool_use", id: "t1", name: "calculator", input: { expression: "1+1" } },
          { type: "tool_use", id: "t2", name: "calculator", input: { expression: "2+2" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "t1", content: "2" },
          { type: "tool_result", tool_use_id: "t2", content: "4" },
        ],
      },
    ]);
  });

  it("classifies 401 as auth, 429/529/500 as retryable, and an error event mid-stream as retryable", async () => {
    const wrong = await collect(providerFor({ provider: "anthropic", baseUrl: fake.url, apiKey: "sk-ant-wrong-XXXXYYYYZZZZ" }));
    expect(wrong.error).toMatchObject({ kind: "auth", status: 401, retryable: false });
    expect((wrong.error as Error).message).not.toContain("XXXXYYYY");
    for (const status of [429, 500, 529]) {
      fake.setScript({ status });
      expect((await collect(provider())).error, String(status)).toMatchObject({ kind: "http", status, retryable: true });
    }
    fake.setScript({ text: "Half ", midStreamError: { type: "overloaded_error", message: "Overloaded" } });
    const mid = await collect(provider());
    expect(mid.text).toBe("Half ");
    expect(mid.error).toMatchObject({ kind: "http", status: 529, retryable: true });
    expect((mid.error as Error).message).toContain("Overloaded");
  });

  it("times out when the server hangs, and calls a stream without message_stop a bad response", async () => {
    fake.setScript({ text: "x", hang: "before_headers" });
    const hung = await collect(provider({ firstByteMs: 250, idleMs: 250, totalMs: 5_000 }));
    expect(hung.error).toBeInstanceOf(ProviderError);
    expect(hung.error).toMatchObject({ kind: "timeout" });
    fake.setScript({ text: "cut short", truncate: true });
    expect((await collect(provider())).error).toMatchObject({ kind: "bad_response" });
  });

  it("needs a key", () => {
    expect(() => providerFor({ provider: "anthropic", baseUrl: fake.url })).toThrow(ProviderError);
  });
});
