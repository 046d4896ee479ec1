import { env } from "../env";
import { readBodyWithLimit } from "./read-body";
import { requestIdFrom } from "./request-meta";

/**
 * What both API doors do first: fix the request id (so the context, the logs and the response
 * header agree) and read the body within the size limit. Callers pass the id they chose, so a
 * refusal here (413) still carries it.
 */
export async function readApiBody(req: Request, requestId: string): Promise<{ headers: Headers; bodyText: string | null }> {
  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);
  // The body is handed on whole; its framing headers no longer apply.
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const bodyText = hasBody ? await readBodyWithLimit(req, env.API_MAX_BODY_BYTES) : null;
  return { headers, bodyText };
}

/** The same, as a new Request carrying the body (for adapters that read it themselves). */
export async function prepareApiRequest(req: Request, requestId = requestIdFrom(req.headers)): Promise<{ request: Request; requestId: string }> {
  const { headers, bodyText } = await readApiBody(req, requestId);
  return { request: new Request(req.url, { method: req.method, headers, body: bodyText }), requestId };
}
