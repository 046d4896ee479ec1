import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Node's `http` request and response, seen as the fetch `Request` / `Response` the API doors are
 * written against, so the lean API tier runs the very handlers Next's route handlers run.
 */

/** The request as a fetch `Request`; its body streams (the doors read it within their limit). */
export function toFetchRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(new URL(req.url ?? "/", origin), {
    method,
    headers,
    ...(hasBody ? { body: bodyStream(req), duplex: "half" } : {}),
  } as RequestInit);
}

/**
 * The request body as a web stream. When a door stops reading (413: past the size limit), the
 * rest is drained, not the socket destroyed: the client is still sending, and a reset would lose
 * the answer that says why.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let onData: (chunk: Buffer) => void = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      onData = (chunk) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      };
      req.on("data", onData);
      req.on("end", () => controller.close());
      req.on("error", (error) => controller.error(error));
    },
    pull() {
      req.resume();
    },
    cancel() {
      req.removeListener("data", onData);
      req.resume();
    },
  });
}

/**
 * After the answer: whatever of the body the door did not read (it refused by Content-Length,
 * say) is read and discarded, so the client, still sending, gets the answer instead of a stall.
 */
export function drainRequest(req: IncomingMessage): void {
  if (req.complete) return;
  req.removeAllListeners("data");
  req.resume();
}

/**
 * Writes a fetch `Response` to Node's response. The doors' answers are small JSON bodies, sent
 * whole; an event stream (a streamed run) is written as it comes, and cancelled when the client
 * goes away, which is how the run learns to stop.
 */
export async function sendFetchResponse(
  res: ServerResponse,
  response: Response,
  extraHeaders: Iterable<[string, string]> = [],
): Promise<void> {
  const streaming = response.body !== null && (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
  const body = response.body && !streaming ? Buffer.from(await response.arrayBuffer()) : null;
  for (const [name, value] of extraHeaders) res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (body) res.setHeader("content-length", body.length);
  res.statusCode = response.status;
  if (!streaming) {
    res.end(body);
    return;
  }
  res.flushHeaders();
  const reader = response.body!.getReader();
  const gone = () => void reader.cancel().catch(() => {});
  res.on("close", gone);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise<void>((resolve) => res.once("drain", resolve).once("close", resolve));
      if (res.destroyed) break;
    }
  } finally {
    res.off("close", gone);
    if (res.destroyed) gone();
    res.end();
  }
}
