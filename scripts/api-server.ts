/**
 * The lean API tier (server/http/api-tier.ts): `/api/v1/*` and `/api/trpc/*` for programs, on a
 * bare Node HTTP server beside Next. `npm start` runs it; on its own:
 *
 *   API_PORT   default 3001        API_HOST   default 0.0.0.0
 *
 * and the app's own variables (DATABASE_URL, UPSTASH_*, APP_URL, …: server/env.ts validates them).
 */
import { installPeerAddressStamp } from "../server/http/peer-address";

async function main() {
  // Before the server exists, so every request carries its socket address (client-address.ts).
  await installPeerAddressStamp();
  const { onServerStart } = await import("../server/startup");
  await onServerStart();
  const { createApiTier } = await import("../server/http/api-tier");
  const { logger } = await import("../server/obs/logger");
  const port = Number(process.env.API_PORT || 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error("API_PORT must be a port number (0-65535).");
  const host = process.env.API_HOST || "0.0.0.0";
  const origin = process.env.APP_URL || `http://localhost:${port}`;
  const server = createApiTier(origin);
  server.keepAliveTimeout = 65_000;
  server.listen(port, host, () => logger.info({ port, host }, "API tier listening"));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
