/**
 * Upstash's REST protocol in front of a plain Redis, for self-hosters who want the Upstash rate
 * limiter without Upstash: `POST /` (one command), `/pipeline`, `/multi-exec`, Bearer token,
 * `Upstash-Encoding: base64`. Used by `npm run upstash-bridge` and the end-to-end server.
 * Redis-side details (scripts, transactions, refused commands) are in ./redis-connection.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { connectRedis, type Command } from "./redis-connection";

export type UpstashBridgeOptions = {
  redisUrl: string;
  token: string;
  port: number;
  host: string;
  /** Largest accepted request body; larger ones get 413. */
  maxBodyBytes?: number;
  /** Where operational messages go (never request contents or the token). */
  log?: (message: string) => void;
};

export type UpstashBridge = { url: string; close(): Promise<void> };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const digest = (value: string) => createHash("sha256").update(value).digest();

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage, max: number): Promise<string> {
  // Refuse on the declared length first, so a huge upload is not read at all.
  if (Number(req.headers["content-length"] ?? 0) > max) throw new HttpError(413, "ERR request body too large");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw new HttpError(413, "ERR request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const isCommand = (value: unknown): value is Command =>
  Array.isArray(value) && value.length > 0 && value.every((v) => ["string", "number", "boolean"].includes(typeof v));

function parse(text: string, many: boolean): Command[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, "ERR failed to parse command");
  }
  if (!many) {
    if (!isCommand(body)) throw new HttpError(400, "ERR the body must be a command array");
    return [body];
  }
  if (!Array.isArray(body) || body.length === 0 || !body.every(isCommand)) {
    throw new HttpError(400, "ERR the body must be a non-empty array of command arrays");
  }
  return body;
}

export async function startUpstashBridge(options: UpstashBridgeOptions): Promise<UpstashBridge> {
  if (!options.token) throw new Error("The Upstash bridge needs a token.");
  const max = options.maxBodyBytes ?? 1_048_576;
  const log = options.log ?? ((message: string) => console.error(message));
  // Compare fixed-length digests so neither the token's content nor its length leaks by timing.
  const expected = digest(options.token);
  const redis = await connectRedis(options.redisUrl, log);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const auth = req.headers.authorization ?? "";
    const given = auth.startsWith("Bearer ") ? auth.slice(7) : "";
    if (!timingSafeEqual(digest(given), expected)) throw new HttpError(401, "Unauthorized");
    const path = new URL(req.url ?? "/", "http://bridge").pathname.replace(/\/+$/, "") || "/";
    if (req.method !== "POST") throw new HttpError(405, "ERR only POST is supported");
    if (!["/", "/pipeline", "/multi-exec"].includes(path)) throw new HttpError(404, "ERR unknown endpoint");
    const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
    const commands = parse(await readBody(req, max), path !== "/");
    if (path === "/multi-exec") {
      const replies = await redis.multiExec(commands, base64);
      return Array.isArray(replies) ? send(res, 200, replies) : send(res, 400, replies);
    }
    const replies = await redis.pipeline(commands, base64);
    if (path === "/pipeline") return send(res, 200, replies);
    // A single command that Redis refused is a 400, as on Upstash.
    return send(res, "error" in replies[0]! ? 400 : 200, replies[0]);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      // A body we stopped reading cannot be followed by another request on this socket.
      if (error instanceof HttpError && error.status === 413) res.setHeader("Connection", "close");
      if (error instanceof HttpError) return send(res, error.status, { error: error.message });
      // Not a Redis reply: Redis is unreachable or the connection dropped.
      send(res, 503, { error: `ERR redis unavailable: ${error instanceof Error ? error.message : "unknown"}` });
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => resolve());
    });
  } catch (error) {
    await redis.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      (closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive sockets (fetch keeps them) would otherwise hold close() open.
        server.closeAllConnections();
        await closed;
        await redis.close();
      })()),
  };
}
