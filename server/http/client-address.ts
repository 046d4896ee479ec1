import { isIP } from "node:net";
import { env } from "../env";
import { addressList, normaliseAddress, type AddressList } from "./address-list";
import { peerAddressHeader } from "./peer-address";

/**
 * Who is on the other end, and which `X-Forwarded-*` claims to believe. A request's peer (its
 * socket address, see peer-address.ts) is the only fact; forwarded headers are claims, honoured
 * only when the peer is one of `TRUSTED_PROXIES` — and then only as far back along
 * `X-Forwarded-For` as the chain of trusted proxies reaches (right to left, the standard walk).
 * With no proxies configured (the default), every forwarded header is ignored.
 */

let trusted: { source: readonly string[]; list: AddressList } | undefined;
function trustedProxies(): AddressList {
  if (trusted?.source !== env.TRUSTED_PROXIES) trusted = { source: env.TRUSTED_PROXIES, list: addressList(env.TRUSTED_PROXIES) };
  return trusted.list;
}

/** The socket address, when the server stamped one (in-process callers have none). */
export function peerAddress(headers: Headers): string | null {
  const peer = headers.get(peerAddressHeader());
  return peer && isIP(normaliseAddress(peer)) ? normaliseAddress(peer) : null;
}

/** Whether this request came through one of our configured proxies. */
export function viaTrustedProxy(headers: Headers): boolean {
  const peer = peerAddress(headers);
  return peer !== null && trustedProxies().has(peer);
}

/** The client's IP: the peer, or — through trusted proxies — the first untrusted hop they saw. */
export function clientIp(headers: Headers): string | null {
  const peer = peerAddress(headers);
  if (!peer || !trustedProxies().has(peer)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => normaliseAddress(hop.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A hop that is not an address was not written by a proxy we know: stop believing here.
    if (!isIP(hop)) return i === hops.length - 1 ? peer : hops[i + 1]!;
    if (!trustedProxies().has(hop)) return hop;
  }
  return hops[0] ?? peer;
}

function firstValue(value: string | null): string | null {
  return value?.split(",")[0]?.trim() || null;
}

/** `X-Forwarded-Host`, only from a trusted proxy. */
export function forwardedHost(headers: Headers): string | null {
  return viaTrustedProxy(headers) ? firstValue(headers.get("x-forwarded-host")) : null;
}

/** `X-Forwarded-Proto` (http or https), only from a trusted proxy. */
export function forwardedProto(headers: Headers): "http" | "https" | null {
  if (!viaTrustedProxy(headers)) return null;
  const proto = firstValue(headers.get("x-forwarded-proto"))?.toLowerCase().replace(/:$/, "");
  return proto === "https" || proto === "http" ? proto : null;
}
