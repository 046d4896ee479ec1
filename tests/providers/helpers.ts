import type { ModelEvent, ModelProvider, ModelRequest } from "@/server/agents/providers";

/** Everything a provider streams for one request, and the error it ended with (if any). */
export async function collect(provider: ModelProvider, req: Partial<ModelRequest> = {}) {
  const events: ModelEvent[] = [];
  let error: unknown = null;
  try {
    for await (const event of provider.stream({
      model: "gpt-4o-mini",
      messages: [{ role: "user", content: "Hello" }],
      temperature: 0.2,
      maxTokens: 256,
      signal: new AbortController().signal,
      ...req,
    })) {
      events.push(event);
    }
  } catch (e) {
    error = e;
  }
  const text = events.flatMap((e) => (e.type === "text" ? [e.delta] : [])).join("");
  const toolCalls = events.flatMap((e) => (e.type === "tool_call" ? [e.call] : []));
  const done = events.find((e) => e.type === "done");
  return { events, error, text, toolCalls, done: done?.type === "done" ? done : null };
}
