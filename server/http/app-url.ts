import { env } from "../env";
import { forwardedHost, forwardedProto } from "./client-address";

/**
 * The origin the browser is on, for what must match it (Auth.js's URLs, the same-origin check):
 * APP_URL when it names this host; otherwise the Host header — or, from a trusted proxy, the
 * forwarded host and protocol. A spoofed `X-Forwarded-Host` from anyone else changes nothing.
 */
export function requestOrigin(headers: Headers): string {
  const host = forwardedHost(headers) ?? headers.get("host") ?? "localhost";
  const configured = env.APP_URL ? new URL(env.APP_URL) : null;
  const proto = forwardedProto(headers) ?? (configured?.host === host ? configured.protocol.replace(":", "") : "http");
  return `${proto}://${host}`;
}

/**
 * The public base URL for links we hand out (invitations, password resets, the API reference):
 * APP_URL. It is required whenever mail is sent or in production (server/runtime-config.ts);
 * only a development server without it falls back to the request's own origin.
 */
export function baseUrlFrom(headers: Headers): string {
  if (env.APP_URL) return env.APP_URL.replace(/\/$/, "");
  return requestOrigin(headers);
}
