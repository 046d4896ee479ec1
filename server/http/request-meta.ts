import { randomUUID } from "node:crypto";
import type { RequestMeta } from "../request-context";
import { clientIp } from "./client-address";

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request id: the client's (or our proxy's) when it is well-formed, else a fresh one. */
export function requestIdFrom(headers: Headers): string {
  const incoming = headers.get("x-request-id");
  return incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Request id, client IP and user agent from the incoming headers. A well-formed `x-request-id`
 * from a proxy in front of us is kept so logs correlate across hops; otherwise we mint one.
 * The client IP is the socket's, or what trusted proxies forwarded (client-address.ts): never a
 * claim the client made about itself.
 */
export function requestMetaFromHeaders(headers: Headers): RequestMeta {
  const ip = clientIp(headers);
  return {
    requestId: requestIdFrom(headers),
    ip: ip ? ip.slice(0, 64) : null,
    userAgent: headers.get("user-agent")?.slice(0, 400) ?? null,
  };
}
