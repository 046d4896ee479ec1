import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

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
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: "half" } : {}),
  } as RequestInit);
}

/** Writes a fetch `Response` to Node's response (the doors' answers are small JSON bodies). */
export async function sendFetchResponse(res: ServerResponse, response: Response, extraHeaders: Iterable<[string, string]> = []): Promise<void> {
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : null;
  for (const [name, value] of extraHeaders) res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  for (const [name, value] of response.headers) if (name !== "set-cookie") res.setHeader(name, value);
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  if (body) res.setHeader("content-length", body.length);
  res.statusCode = response.status;
  res.end(body);
}
