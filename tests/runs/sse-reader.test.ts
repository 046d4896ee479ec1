import { describe, expect, it } from "vitest";
import { readEventStream } from "@/components/runs/sse-reader";
import { sseFrame } from "@/server/runs/sse";

/** The playground's SSE reader on the bytes our door writes, cut at every awkward place a network may cut them. */
describe("readEventStream", () => {
  const frames = [
    sseFrame({ type: "run", run: { id: "r1", agentId: "a1", conversationId: null, status: "running" } }),
    sseFrame({ type: "delta", text: "第一句。\nSecond line: with a colon" }),
    new TextEncoder().encode(": keep-alive\n\n"),
    sseFrame({ type: "delta", text: "€ and emoji 🙂" }),
    sseFrame({ type: "error", error: { code: "output_blocked", message: "stopped" }, run: null }),
  ];
  const bytes = Buffer.concat(frames.map((f) => Buffer.from(f)));

  it.each([1, 2, 3, 5, 7, 64, bytes.length])("parses the events whole when the bytes arrive %i at a time", async (size) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += size) controller.enqueue(new Uint8Array(bytes.subarray(i, i + size)));
        controller.close();
      },
    });
    const events: [string, unknown][] = [];
    await readEventStream(body, (event, data) => events.push([event, data]));
    expect(events).toEqual([
      ["run", { id: "r1", agentId: "a1", conversationId: null, status: "running" }],
      ["delta", { text: "第一句。\nSecond line: with a colon" }],
      ["delta", { text: "€ and emoji 🙂" }],
      ["error", { code: "output_blocked", message: "stopped", run: null }],
    ]);
  });
});
