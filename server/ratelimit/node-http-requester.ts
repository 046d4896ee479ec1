import http from "node:http";
import https from "node:https";
import { Redis } from "@upstash/redis";

/**
 * Upstash's REST protocol over Node's own `http` client with keep-alive, instead of the global
 * `fetch` @upstash/redis uses by default. Every API request pays one limiter round trip, and on
 * the hot path fetch's Request/Response/web-stream machinery cost more CPU than everything else
 * in the limiter together (docs/benchmarks.md). Same requests, same answers: a JSON command (or
 * pipeline) POSTed with the Bearer token; values come back as JSON (no base64 encoding asked for:
 * the limiter's keys and counters are ASCII).
 */

type UpstashRequest = { path?: string[]; body?: unknown };
type UpstashResponse<T> = { result?: T; error?: string };

export function nodeHttpRequester(baseUrl: string, token: string) {
  const url = new URL(baseUrl);
  const transport = url.protocol === "https:" ? https : http;
  const agent = new transport.Agent({ keepAlive: true });
  const base = url.pathname.replace(/\/$/, "");
  return {
    request<T>(req: UpstashRequest): Promise<UpstashResponse<T>> {
      const body = JSON.stringify(req.body);
      return new Promise((resolve, reject) => {
        const outgoing = transport.request(
          {
            agent,
            method: "POST",
            protocol: url.protocol,
            hostname: url.hostname,
            port: url.port || undefined,
            path: `${base}/${(req.path ?? []).join("/")}`,
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("error", reject);
            res.on("end", () => {
              let parsed: UpstashResponse<T>;
              try {
                parsed = JSON.parse(Buffer.concat(chunks).toString("utf8")) as UpstashResponse<T>;
              } catch (error) {
                return reject(error);
              }
              // As @upstash/redis does: a failed command is an error naming Redis's reason (NOSCRIPT…).
              if ((res.statusCode ?? 500) >= 400) return reject(new Error(`${parsed.error ?? `HTTP ${res.statusCode}`}`));
              resolve(parsed);
            });
          },
        );
        outgoing.on("error", reject);
        outgoing.end(body);
      });
    },
  };
}

/** @upstash/redis on that requester, with commands issued together sent as one pipeline (as by default). */
export class NodeHttpRedis extends Redis {
  constructor(url: string, token: string) {
    super(nodeHttpRequester(url, token));
    return this.autoPipeline();
  }
}
