import { env } from "../env";
import { assertJsonBody } from "./json-body";
import { readBodyWithLimit } from "./read-body";
import { requestIdFrom } from "./request-meta";
import { assertSameOrigin } from "./same-origin";

/**
 * What both API doors do first: refuse a cross-site request riding on a session cookie (403),
 * fix the request id (so the context, the logs and the response header agree), read the body
 * within the size limit (413) and refuse a body that is not JSON (415). Callers pass the id they
 * chose, so a refusal here still carries it. An empty body is passed on as none, labelled JSON,
 * so a bodiless POST reaches the procedure (whose input may be void) instead of a 415.
 */
export async function readApiBody(req: Request, requestId: string): Promise<{ headers: Headers; bodyText: string | null }> {
  assertSameOrigin(req);
  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);
  // The body is handed on whole; its framing headers no longer apply.
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const bodyText = hasBody ? (await readBodyWithLimit(req, env.API_MAX_BODY_BYTES)) || null : null;
  assertJsonBody(req, bodyText);
  if (hasBody && bodyText === null) headers.set("content-type", "application/json");
  return { headers, bodyText };
}

/** The same, as a new Request carrying the body (for adapters that read it themselves). */
export async function prepareApiRequest(
  req: Request,
  requestId = requestIdFrom(req.headers),
): Promise<{ request: Request; requestId: string }> {
  const { headers, bodyText } = await readApiBody(req, requestId);
  return { request: new Request(req.url, { method: req.method, headers, body: bodyText }), requestId };
}
