import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "redis";
import { startUpstashBridge } from "@/tools/upstash-bridge/bridge";

/** The real local Redis the ratelimit tests run against (nothing is mocked). */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(new URL(REDIS_URL).hostname)) {
  throw new Error(`Refusing to run tests against a non-local Redis (${new URL(REDIS_URL).hostname}).`);
}

/** Keys of one test run live under this prefix, so parallel or repeated runs never collide. */
export const runId = () => `agentry-test:${process.pid}:${randomBytes(4).toString("hex")}`;

export const TOKEN = `bridge-test-${randomBytes(8).toString("hex")}`;

export function startTestBridge(options: { maxBodyBytes?: number } = {}) {
  return startUpstashBridge({ redisUrl: REDIS_URL, token: TOKEN, port: 0, host: "127.0.0.1", log: () => {}, ...options });
}

/** A direct node-redis client, for arranging and inspecting what the bridge should see. */
export async function directRedis() {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  return {
    client,
    /** Deletes every key under `prefix` and disconnects. */
    async cleanup(prefix: string) {
      for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
        if (keys.length) await client.del(keys);
      }
      await client.close();
    },
  };
}

/** A port where nothing listens right now (bound, then released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** An HTTP server that accepts requests and never answers: a Redis that has stalled. */
export async function stalledServer() {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
