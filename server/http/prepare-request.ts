import { randomUUID } from "node:crypto";
import { env } from "../env";
import { readBodyWithLimit } from "./read-body";

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * What both API doors do first: fix the request id (so the context, the logs and the response
 * header agree) and read the body within the size limit.
 */
export async function prepareApiRequest(req: Request): Promise<{ request: Request; requestId: string }> {
  const headers = new Headers(req.headers);
  const incoming = headers.get("x-request-id");
  const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  headers.set("x-request-id", requestId);
  // The body is re-sent whole below; its framing headers no longer apply.
  headers.delete("content-length");
  headers.delete("transfer-encoding");
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const body = hasBody ? await readBodyWithLimit(req, env.API_MAX_BODY_BYTES) : null;
  return { request: new Request(req.url, { method: req.method, headers, body }), requestId };
}
