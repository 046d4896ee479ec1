import http from "node:http";
import type { AddressInfo } from "node:net";
import { setWebhookTestNetwork } from "@/server/webhooks/network";

/** Names the tests resolve themselves (no real DNS): a receiver on loopback, and private / metadata addresses. */
export const RECEIVER_HOST = "hooks.test.example";
export const PRIVATE_HOST = "internal.test.example";
export const LOOPBACK_HOST = "loopback.test.example";
export const PUBLIC_HOST = "public.test.example";

const addresses: Record<string, string> = {
  [RECEIVER_HOST]: "127.0.0.1",
  [LOOPBACK_HOST]: "127.0.0.1",
  [PRIVATE_HOST]: "10.0.0.7",
  [PUBLIC_HOST]: "93.184.216.34",
};

const resolver = async (host: string) => {
  const address = addresses[host];
  if (!address) throw new Error("ENOTFOUND");
  return [{ address, family: 4 as const }];
};

/**
 * The harness's network, as the http_request tool's tests have it: a fixed resolver, and (for a
 * local receiver) http + loopback — set in code, ignored in production, never from the environment.
 */
export function allowLocalReceiver() {
  setWebhookTestNetwork({ resolver, testNetwork: { allowHttp: true, allowLoopback: true } });
}

/** The production rules with the test resolver: loopback refused like any private address. */
export function productionNetwork() {
  setWebhookTestNetwork({ resolver, testNetwork: { allowHttp: true } });
}

export type Received = { path: string; headers: Record<string, string>; body: string };

/** A real HTTP receiver: records every request; `answer` decides the status per path. */
export async function startReceiver(answer: (path: string, count: number) => { status: number; body?: string; location?: string }) {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers as Record<string, string>, body });
      const count = (counts.get(path) ?? 0) + 1;
      counts.set(path, count);
      const reply = answer(path, count);
      res.writeHead(reply.status, { "content-type": "text/plain", ...(reply.location ? { location: reply.location } : {}) });
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path: string) => `http://${RECEIVER_HOST}:${port}${path}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Polls until `check` returns a value (no sleeps with fixed lengths in tests). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met before the deadline");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
