import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { VettedTarget } from "./vet-target";

export type RawResponse = {
  status: number;
  location: string | null;
  contentType: string | null;
  contentEncoding: string | null;
  body: Buffer;
  truncated: boolean;
};

/** A lookup that answers every question with the vetted address: the socket can only go there. */
function pinnedLookup(target: VettedTarget): LookupFunction {
  return (_hostname, options, callback) => {
    const cb = callback as unknown as (err: Error | null, address: unknown, family?: number) => void;
    if (options && typeof options === "object" && options.all) cb(null, [{ address: target.address, family: target.family }]);
    else cb(null, target.address, target.family);
  };
}

/**
 * One request to a vetted target, connected to its vetted IP (TLS still checks the certificate
 * against the host name). Sends no cookies or credentials — only the headers written here. Reads
 * at most `maxBytes` of the body, counting as it streams, then cuts the connection. Does not follow
 * redirects: the caller re-vets the target of each one.
 */
export function pinnedRequest(
  target: VettedTarget,
  opts: {
    method: "GET" | "POST";
    body: Buffer | null;
    contentType: string | null;
    maxBytes: number;
    signal: AbortSignal;
    readBody: (status: number, contentType: string | null, contentEncoding: string | null) => boolean;
    /**
     * Extra headers (a webhook's signature, a workflow webhook node's Idempotency-Key): they may
     * replace the defaults below, never the body's length or type.
     */
    headers?: Record<string, string>;
  },
): Promise<RawResponse> {
  const { url } = target;
  const client = url.protocol === "https:" ? https : http;
  const headers: Record<string, string> = {
    "user-agent": "Agentry-Tool/1.0 (+http_request)",
    accept: "application/json, text/*;q=0.9",
    "accept-encoding": "identity",
    ...opts.headers,
  };
  if (opts.body) {
    headers["content-type"] = opts.contentType ?? "text/plain; charset=utf-8";
    headers["content-length"] = String(opts.body.length);
  }
  return new Promise<RawResponse>((resolve, reject) => {
    const req = client.request(
      {
        protocol: url.protocol,
        host: target.hostname,
        port: url.port || (url.protocol === "https:" ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: opts.method,
        headers,
        lookup: pinnedLookup(target),
        // No shared keep-alive socket: a pooled connection could outlive its vetting.
        agent: false,
        signal: opts.signal,
        ...(url.protocol === "https:" ? { servername: target.hostname } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const contentType = res.headers["content-type"] ?? null;
        const contentEncoding = res.headers["content-encoding"] ?? null;
        const location = typeof res.headers.location === "string" ? res.headers.location : null;
        const base = { status, location, contentType, contentEncoding };
        if (!opts.readBody(status, contentType, contentEncoding)) {
          res.destroy();
          req.destroy();
          resolve({ ...base, body: Buffer.alloc(0), truncated: false });
          return;
        }
        const parts: Buffer[] = [];
        let size = 0;
        let done = false;
        const finish = (truncated: boolean) => {
          if (done) return;
          done = true;
          resolve({ ...base, body: Buffer.concat(parts), truncated });
        };
        res.on("data", (chunk: Buffer) => {
          if (done) return;
          const room = opts.maxBytes - size;
          if (chunk.length > room) {
            parts.push(chunk.subarray(0, room));
            size = opts.maxBytes;
            finish(true);
            res.destroy();
            req.destroy();
            return;
          }
          parts.push(chunk);
          size += chunk.length;
        });
        res.on("end", () => finish(false));
        res.on("error", (error) => {
          if (!done) reject(error);
        });
      },
    );
    req.on("error", reject);
    req.end(opts.body ?? undefined);
  });
}
