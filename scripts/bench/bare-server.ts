/**
 * The reference point: a bare Node `http` server answering a small JSON body, in its own process
 * (the bench starts it) so it does not share an event loop with autocannon.
 * Usage: tsx scripts/bench/bare-server.ts <port>
 */
import { createServer } from "node:http";

const port = Number(process.argv[2] ?? 3302);
// About the size of the app's GET /api/v1/tenant answer.
const body = JSON.stringify({
  id: "00000000-0000-4000-8000-000000000000",
  slug: "bench",
  name: "Bench",
  planId: "enterprise",
  status: "active",
  createdAt: new Date(0).toISOString(),
});

const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(port, "127.0.0.1", () => console.log(`bare server on http://127.0.0.1:${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
