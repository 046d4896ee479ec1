import { describe, expect, it } from "vitest";
import { SseParser } from "@/server/agents/providers/sse";

const encode = (text: string) => new TextEncoder().encode(text);

describe("SSE parser", () => {
  const stream =
    'event: message_start\r\ndata: {"a":"日本語"}\r\n\r\n: keep-alive comment\n\ndata: first line\ndata: second line\n\ndata:no-space\r\rdata: [DONE]\n\n';
  const expected = [
    { event: "message_start", data: '{"a":"日本語"}' },
    { event: "message", data: "first line\nsecond line" },
    { event: "message", data: "no-space" },
    { event: "message", data: "[DONE]" },
  ];

  it("parses events, multi-line data, comments and all three line endings", () => {
    const parser = new SseParser();
    expect([...parser.push(encode(stream)), ...parser.end()]).toEqual(expected);
  });

  it("gives the same events however the bytes are cut (every split point, inside characters and CRLFs)", () => {
    const bytes = encode(stream);
    for (let cut = 1; cut < bytes.length; cut++) {
      const parser = new SseParser();
      const events = [...parser.push(bytes.subarray(0, cut)), ...parser.push(bytes.subarray(cut)), ...parser.end()];
      expect(events, `cut at byte ${cut}`).toEqual(expected);
    }
    // And one byte at a time.
    const parser = new SseParser();
    const events = [...bytes].flatMap((b) => parser.push(new Uint8Array([b])));
    expect([...events, ...parser.end()]).toEqual(expected);
  });

  it("does not dispatch an event whose blank line never came", () => {
    const parser = new SseParser();
    expect(parser.push(encode("data: partial"))).toEqual([]);
    expect(parser.end()).toEqual([]);
  });
});
