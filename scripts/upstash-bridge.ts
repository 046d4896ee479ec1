/**
 * `npm run upstash-bridge`: serve Upstash's REST protocol in front of your own Redis, so the
 * Upstash rate limiter works without an Upstash account.
 *
 *   REDIS_URL              default redis://127.0.0.1:6379
 *   UPSTASH_BRIDGE_TOKEN   required; the app's UPSTASH_REDIS_REST_TOKEN must be the same value
 *   UPSTASH_BRIDGE_PORT    default 8079
 *   UPSTASH_BRIDGE_HOST    default 127.0.0.1
 *
 * It reads its own variables only: server/env.ts validates the app's configuration, which a
 * bridge host need not have.
 */
import { startUpstashBridge } from "../tools/upstash-bridge/bridge";

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  const token = process.env.UPSTASH_BRIDGE_TOKEN?.trim();
  if (!token) {
    fail(
      "UPSTASH_BRIDGE_TOKEN is not set: choose a long random value (try: openssl rand -base64 32)\nand set the same value as the app's UPSTASH_REDIS_REST_TOKEN.",
    );
  }
  const port = Number(process.env.UPSTASH_BRIDGE_PORT || 8079);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail("UPSTASH_BRIDGE_PORT must be a port number (0-65535).");
  const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
  const host = process.env.UPSTASH_BRIDGE_HOST || "127.0.0.1";

  const bridge = await startUpstashBridge({ redisUrl, token, port, host });
  console.log(`Upstash bridge listening; set UPSTASH_REDIS_REST_URL=${bridge.url} (and UPSTASH_REDIS_REST_TOKEN to the bridge token)`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing the Upstash bridge`);
    bridge.close().then(
      () => process.exit(0),
      (error: unknown) => fail(`error while closing: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  // The Redis URL may carry a password: report the error's message, not the options.
  fail(`Upstash bridge failed to start: ${error instanceof Error ? error.message : String(error)}`);
});
