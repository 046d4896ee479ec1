import { randomBytes } from "node:crypto";

/**
 * The TCP peer of a request, which `next start` does not hand to route handlers. Next fills
 * `X-Forwarded-For` with the socket address only when the client sent none (`??=` in its
 * base-server), so a client that sends one hides its real address — and the audit log recorded
 * whatever it claimed. We stamp the socket address onto every incoming request under a header
 * name chosen at random per process (so no client can send it), before Next sees the request;
 * `client-address.ts` then trusts `X-Forwarded-*` only when that peer is a configured proxy.
 */

type PeerGlobal = typeof globalThis & { __agentryPeerHeader?: string; __agentryPeerStamp?: boolean };
const shared = globalThis as PeerGlobal;

/** The per-process header carrying the socket address (route handlers read it from `Headers`). */
export function peerAddressHeader(): string {
  shared.__agentryPeerHeader ??= `x-agentry-peer-${randomBytes(8).toString("hex")}`;
  return shared.__agentryPeerHeader;
}

type IncomingLike = { headers: Record<string, string | string[] | undefined>; socket?: { remoteAddress?: string } };

/** Runs once in the Node server (instrumentation): stamps every request the HTTP server emits. */
export async function installPeerAddressStamp(): Promise<void> {
  if (shared.__agentryPeerStamp) return;
  shared.__agentryPeerStamp = true;
  const header = peerAddressHeader();
  const http = await import("node:http");
  const https = await import("node:https");
  for (const Server of new Set([http.Server, https.Server])) {
    const emit = Server.prototype.emit;
    Server.prototype.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const req = args[0] as IncomingLike;
        const address = req.socket?.remoteAddress;
        if (address) req.headers[header] = address;
        else delete req.headers[header];
      }
      return Reflect.apply(emit, this, [event, ...args]) as boolean;
    } as typeof emit;
  }
}
