import type { RunDto } from "./dto";
import type { RunEvent } from "./run-events";

const encoder = new TextEncoder();

/**
 * One Server-Sent Event: `event: <type>` and the payload as one JSON `data:` line (JSON escapes
 * newlines, so a delta's line breaks never split the frame).
 */
export function sseFrame(event: RunEvent): Uint8Array {
  return encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(payloadOf(event))}\n\n`);
}

/** CONTRACTS.md: `run` {id,…}, `delta` {text}, `step` {kind,…}, `error` {code, message, run}, `done` {run}. */
function payloadOf(event: RunEvent): unknown {
  switch (event.type) {
    case "run":
      return event.run;
    case "delta":
      return { text: event.text };
    case "step":
      return event.step;
    case "error":
      return { ...event.error, run: event.run };
    case "done":
      return { run: event.run };
  }
}

/** A comment line: keeps proxies from timing out an idle stream while a model thinks. */
export const SSE_HEARTBEAT = encoder.encode(": keep-alive\n\n");

/** The events that replay a finished run (a repeated Idempotency-Key on the streaming door). */
export function replayEvents(run: RunDto): RunEvent[] {
  const head: RunEvent = { type: "run", run: { id: run.id, agentId: run.agentId, conversationId: run.conversationId, status: run.status } };
  if (run.status === "completed")
    return [head, ...(run.output ? [{ type: "delta", text: run.output } as RunEvent] : []), { type: "done", run }];
  return [head, { type: "error", error: run.error ?? { code: "run_failed", message: "The run did not complete." }, run }];
}

/** The last event of a run that has ended: `done` when it completed, else `error` with why. */
export function endEvent(run: RunDto): RunEvent {
  if (run.status === "completed") return { type: "done", run };
  return { type: "error", error: run.error ?? { code: "run_failed", message: "The run did not complete." }, run };
}
