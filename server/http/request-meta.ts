import { randomUUID } from "node:crypto";
import type { RequestMeta } from "../request-context";

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request id: the client's (or our proxy's) when it is well-formed, else a fresh one. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Request id, client IP and user agent from the incoming headers. A well-formed `x-request-id`
 * from a proxy in front of us is kept so logs correlate across hops; otherwise we mint one.
 * The client IP is the first `x-forwarded-for` hop (set by our own proxy) or `x-real-ip`.
 */
export function requestMetaFromHeaders(headers: Headers): RequestMeta {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || headers.get("x-real-ip") || null;
  return {
    requestId: requestIdFrom(headers),
    ip: ip ? ip.slice(0, 64) : null,
    userAgent: headers.get("user-agent")?.slice(0, 400) ?? null,
  };
}
