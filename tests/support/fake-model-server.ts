import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * The HTTP plumbing the fake vendor servers share (fake-openai-server.ts, fake-anthropic-server.ts):
 * a real node:http server on 127.0.0.1, a scripted reply per request, and an SSE writer that can
 * cut the bytes at awkward places — inside a multi-byte character, between CR and LF, inside a
 * `data:` prefix — with pauses so the pieces reach the client as separate reads.
 */

export type RecordedRequest = { method: string; path: string; headers: IncomingMessage["headers"]; body: unknown; raw: string };

/** How a reply's bytes go out. */
export type Delivery = {
  /** Wait before the status line (a slow first byte). */
  delayMs?: number;
  /** Wait between SSE events. */
  eventDelayMs?: number;
  /** Cut the stream into pieces of these sizes in bytes (cycled), each written separately. Default: whole events. */
  splitBytes?: number[];
  /** "\n" (default) or "\r\n" line ends. */
  lineEnding?: "\n" | "\r\n";
  /**
   * Never finish: `before_headers` (accept, say nothing), `after_headers` (status and headers,
   * then silence), `mid_stream` (some events, then silence).
   */
  hang?: "before_headers" | "after_headers" | "mid_stream";
  /** Close the connection abruptly after this many events (a dropped connection). */
  dropAfterEvents?: number;
};

/** A script: one reply for every request, a list consumed in order (the last repeats), or a function of the request. */
export type Script<R> = R | R[] | ((request: RecordedRequest, index: number) => R);

export function pickReply<R>(script: Script<R>, request: RecordedRequest, index: number): R {
  if (typeof script === "function") return (script as (request: RecordedRequest, index: number) => R)(request, index);
  if (Array.isArray(script)) return script[Math.min(index, script.length - 1)]!;
  return script;
}

export const AWKWARD_SPLIT = [1, 3, 2, 7, 5, 11, 4];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type FakeServer = {
  /** http://127.0.0.1:PORT */
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
};

export async function startFakeServer(
  handle: (request: RecordedRequest, res: ServerResponse, index: number) => Promise<void>,
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      const recorded: RecordedRequest = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body, raw };
      const index = requests.push(recorded) - 1;
      handle(recorded, res, index).catch(() => res.destroy());
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** One SSE event as bytes: optional `event:` line, one `data:` line per line of data, a blank line. */
export function sseBytes(event: { event?: string; data: string }, lineEnding: "\n" | "\r\n" = "\n"): Buffer {
  const lines = [...(event.event ? [`event: ${event.event}`] : []), ...event.data.split("\n").map((line) => `data: ${line}`)];
  return Buffer.from(lines.join(lineEnding) + lineEnding + lineEnding, "utf8");
}

/** Streams events as an SSE response, honouring the delivery's delays, splits, hangs and drops. */
export async function writeSse(res: ServerResponse, events: { event?: string; data: string }[], delivery: Delivery = {}) {
  if (delivery.delayMs) await sleep(delivery.delayMs);
  if (delivery.hang === "before_headers") return; // the socket stays open; close() destroys it
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
  res.flushHeaders();
  if (delivery.hang === "after_headers") return;
  const keep = delivery.hang === "mid_stream" ? Math.max(1, Math.floor(events.length / 2)) : events.length;
  const split = delivery.splitBytes;
  let cut = 0;
  for (let i = 0; i < keep; i++) {
    if (delivery.dropAfterEvents !== undefined && i >= delivery.dropAfterEvents) {
      res.socket?.destroy();
      return;
    }
    const bytes = sseBytes(events[i]!, delivery.lineEnding);
    if (!split) res.write(bytes);
    else {
      let offset = 0;
      while (offset < bytes.length) {
        const size = split[cut++ % split.length]!;
        res.write(bytes.subarray(offset, offset + size));
        offset += size;
        // Let each piece leave as its own TCP segment.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (delivery.eventDelayMs) await sleep(delivery.eventDelayMs);
  }
  if (delivery.hang === "mid_stream") return;
  res.end();
}

/** Cuts a string into roughly `size`-character fragments (tool-call argument streaming). */
export function fragments(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length ? out : [""];
}
