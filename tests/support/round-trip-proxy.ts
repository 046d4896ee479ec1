import { createConnection, createServer, type Server } from "node:net";

/**
 * A TCP relay in front of Postgres that counts exchanges: each time the client writes after the
 * server has answered (or writes first) — pipelined messages sent before any answer count once.
 * Driver-agnostic: it sees only bytes. With `delayMs`, every answer is held that long, so a caller
 * that waits on Postgres N times takes at least N × delayMs: how many exchanges a caller actually
 * *waited for* shows in its duration (a trailing COMMIT nobody waits for does not).
 */
export type RoundTripProxy = { port: number; roundTrips: () => number; reset: () => void; close: () => Promise<void> };

export async function startRoundTripProxy(
  target: { host: string; port: number },
  options: { delayMs?: number } = {},
): Promise<RoundTripProxy> {
  const delay = options.delayMs ?? 0;
  let roundTrips = 0;
  const sockets = new Set<import("node:net").Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(target);
    sockets.add(client).add(upstream);
    // Whether the client has sent something the server has not answered yet.
    let waiting = false;
    client.on("data", (chunk) => {
      if (!waiting) roundTrips++;
      waiting = true;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      // Timers of equal delay fire in order: the byte stream stays intact.
      setTimeout(() => {
        waiting = false;
        if (!client.destroyed) client.write(chunk);
      }, delay);
    });
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", closeBoth).on("error", closeBoth);
    upstream.on("close", closeBoth).on("error", closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    roundTrips: () => roundTrips,
    reset: () => {
      roundTrips = 0;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
