import { ToolError, type HttpLimits, type Tool, type ToolContext } from "./types";
import { pinnedRequest, type RawResponse } from "./net/pinned-request";
import { vetTarget } from "./net/vet-target";

export const HTTP_DEFAULTS: HttpLimits = { timeoutMs: 10_000, maxBytes: 256 * 1024, maxRedirects: 3 };
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Text and JSON only: a model has no use for bytes it cannot read, and they are a way to smuggle. */
function isReadableType(contentType: string | null): boolean {
  if (!contentType) return false;
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  return type.startsWith("text/") || type === "application/json" || /^application\/[\w.+-]+\+json$/.test(type);
}

function charsetOf(contentType: string): string {
  return /charset="?([\w-]+)"?/i.exec(contentType)?.[1] ?? "utf-8";
}

function decode(body: Buffer, contentType: string): string {
  try {
    return new TextDecoder(charsetOf(contentType)).decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}

function limitsOf(toolCtx: ToolContext): HttpLimits {
  const given = toolCtx.httpLimits ?? {};
  return {
    timeoutMs: Math.min(given.timeoutMs ?? HTTP_DEFAULTS.timeoutMs, HTTP_DEFAULTS.timeoutMs),
    maxBytes: Math.min(given.maxBytes ?? HTTP_DEFAULTS.maxBytes, HTTP_DEFAULTS.maxBytes),
    maxRedirects: Math.min(given.maxRedirects ?? HTTP_DEFAULTS.maxRedirects, HTTP_DEFAULTS.maxRedirects),
  };
}

function parseArgs(args: Record<string, unknown>) {
  const { url, method = "GET", body } = args;
  if (typeof url !== "string" || url.length > 2048)
    throw new ToolError("invalid_arguments", "http_request needs a `url` string of at most 2048 characters.");
  if (method !== "GET" && method !== "POST") throw new ToolError("invalid_arguments", "method must be GET or POST.");
  let payload: Buffer | null = null;
  let contentType: string | null = null;
  if (body !== undefined && body !== null) {
    if (method !== "POST") throw new ToolError("invalid_arguments", "Only a POST may have a body.");
    if (typeof body === "string") {
      payload = Buffer.from(body, "utf8");
      contentType = "text/plain; charset=utf-8";
    } else {
      payload = Buffer.from(JSON.stringify(body), "utf8");
      contentType = "application/json";
    }
    if (payload.length > MAX_REQUEST_BODY_BYTES)
      throw new ToolError("invalid_arguments", `The body is larger than ${MAX_REQUEST_BODY_BYTES} bytes.`);
  }
  return { url, method: method as "GET" | "POST", payload, contentType };
}

/**
 * `http_request`: GET or POST to a host the tenant allowed, over https. SSRF is the attack: the
 * URL comes from a model that may be following injected instructions, so every target (the first
 * and each of at most three redirects, followed by hand) is vetted — allow-list, then every
 * resolved address public — and the socket is pinned to the vetted address. The whole exchange
 * has one deadline; the body is cut at the size cap; only text and JSON come back.
 */
export const httpRequest: Tool = {
  spec: {
    name: "http_request",
    description:
      "Makes an HTTPS GET or POST request to a host on the organisation's allow-list and returns the status and the text or JSON body (at most 256 KB; longer bodies are cut).",
    parameters: {
      type: "object",
      properties: {
        url: { type: "string", maxLength: 2048, description: "An https:// URL on an allowed host" },
        method: { type: "string", enum: ["GET", "POST"], description: "Default GET" },
        body: { description: "For POST: a string (sent as text/plain) or a JSON value (sent as application/json)" },
      },
      required: ["url"],
      additionalProperties: false,
    },
  },
  async run(args, toolCtx) {
    const parsed = parseArgs(args);
    const limits = limitsOf(toolCtx);
    const deadline = AbortSignal.timeout(limits.timeoutMs);
    const signal = AbortSignal.any([deadline, toolCtx.signal]);
    let method = parsed.method;
    let payload = parsed.payload;
    let target = await vetTarget(parsed.url, toolCtx);
    for (let redirects = 0; ; redirects++) {
      let response: RawResponse;
      try {
        response = await pinnedRequest(target, {
          method,
          body: payload,
          contentType: parsed.contentType,
          maxBytes: limits.maxBytes,
          signal,
          readBody: (status, contentType, encoding) =>
            !REDIRECTS.has(status) && isReadableType(contentType) && (!encoding || encoding.toLowerCase() === "identity"),
        });
      } catch (error) {
        if (toolCtx.signal.aborted) throw new ToolError("aborted", "The run was cancelled.");
        if (deadline.aborted) throw new ToolError("timeout", `No complete answer within ${limits.timeoutMs} ms.`);
        throw new ToolError(
          "network_error",
          `The request to ${target.hostname} failed (${(error as NodeJS.ErrnoException).code ?? "network error"}).`,
        );
      }
      if (REDIRECTS.has(response.status) && response.location) {
        if (redirects >= limits.maxRedirects) throw new ToolError("too_many_redirects", `More than ${limits.maxRedirects} redirects.`);
        const next = new URL(response.location, target.url).toString();
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
          method = "GET";
          payload = null;
        }
        target = await vetTarget(next, toolCtx);
        continue;
      }
      if (!isReadableType(response.contentType)) {
        throw new ToolError(
          "unsupported_content_type",
          `The response is ${response.contentType ?? "of no stated type"}; only text and JSON are returned.`,
        );
      }
      if (response.contentEncoding && response.contentEncoding.toLowerCase() !== "identity") {
        throw new ToolError(
          "unsupported_content_type",
          `The response is ${response.contentEncoding}-encoded; only uncompressed bodies are returned.`,
        );
      }
      const text = decode(response.body, response.contentType!);
      let json: unknown = undefined;
      if (!response.truncated && /json/i.test(response.contentType!)) {
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
      }
      return {
        output: {
          status: response.status,
          url: target.url.toString(),
          contentType: response.contentType,
          ...(json !== undefined ? { json } : { text }),
          truncated: response.truncated,
          bytes: response.body.length,
        },
        summary: `${method} ${target.hostname} → ${response.status} (${response.body.length} bytes${response.truncated ? ", cut at the size limit" : ""})`,
      };
    }
  },
};
