import { assertReachable, type AddressPolicy, type Resolve } from "./address-policy";
import { ProviderError, errorForStatus, scrubbed, vendorMessage } from "./errors";
import { SseParser, type SseEvent } from "./sse";
import type { ProviderTimeouts } from "./types";

/**
 * One streamed POST to a model vendor, as SSE events, under three clocks: the first byte (connect
 * and headers), the silence between chunks, and the whole exchange. Each failure becomes a
 * `ProviderError`; the caller's own abort is passed through as it is (it is not the vendor's
 * fault, and the circuit breaker must not count it). Redirects are refused: a key sent to one
 * host must never be replayed to another.
 */

export type StreamRequest = {
  provider: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal;
  timeouts: ProviderTimeouts;
  /** The API key, only so that it can be scrubbed from any error text. */
  secret?: string;
  /** Whether private addresses may be called (address-policy.ts). */
  addressPolicy: AddressPolicy;
  resolve?: Resolve;
};

const MAX_ERROR_BODY = 16 * 1024;

async function readSome(body: ReadableStream<Uint8Array> | null, limit: number): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.slice(0, limit);
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (cause && typeof cause.code === "string") return cause.code;
  if (cause && typeof cause.message === "string") return cause.message;
  return error instanceof Error ? error.message : "unknown error";
}

export async function* streamSse(req: StreamRequest): AsyncGenerator<SseEvent> {
  const host = new URL(req.url).host;
  const timer = new AbortController();
  let expired: string | null = null;
  const expire = (what: string) => () => {
    expired = what;
    timer.abort();
  };
  const signal = AbortSignal.any([req.signal, timer.signal]);
  const total = setTimeout(expire(`did not finish within ${req.timeouts.totalMs} ms`), req.timeouts.totalMs);
  let idle: NodeJS.Timeout | undefined = setTimeout(
    expire(`did not answer within ${req.timeouts.firstByteMs} ms`),
    req.timeouts.firstByteMs,
  );
  const rearm = () => {
    clearTimeout(idle);
    idle = setTimeout(expire(`went silent for ${req.timeouts.idleMs} ms`), req.timeouts.idleMs);
  };

  const failure = (error: unknown): unknown => {
    if (req.signal.aborted) return req.signal.reason;
    if (expired) return new ProviderError("timeout", `${req.provider} (${host}) ${expired}`, { retryable: true });
    if (error instanceof ProviderError) return error;
    return new ProviderError(
      "network",
      `Could not reach ${req.provider} at ${host}: ${scrubbed(describeNetworkError(error), req.secret)}`,
      {
        retryable: true,
      },
    );
  };

  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let finished = false;
  try {
    let response: Response;
    try {
      await assertReachable(req.provider, req.url, req.addressPolicy, req.resolve);
      response = await fetch(req.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream", ...req.headers },
        body: JSON.stringify(req.body),
        signal,
        redirect: "error",
      });
    } catch (error) {
      throw failure(error);
    }
    rearm();
    if (!response.ok) {
      let text = "";
      try {
        text = await readSome(response.body, MAX_ERROR_BODY);
      } catch (error) {
        throw failure(error);
      }
      throw errorForStatus(req.provider, response.status, vendorMessage(text, req.secret));
    }
    const type = response.headers.get("content-type") ?? "";
    if (!type.includes("text/event-stream")) {
      await response.body?.cancel().catch(() => {});
      throw new ProviderError("bad_response", `${req.provider} answered ${type || "no content type"} instead of an event stream`, {
        retryable: false,
      });
    }
    if (!response.body) throw new ProviderError("bad_response", `${req.provider} answered with an empty body`, { retryable: false });
    reader = response.body.getReader();
    const parser = new SseParser();
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw failure(error);
      }
      if (chunk.done) break;
      rearm();
      for (const event of parser.push(chunk.value)) yield event;
    }
    finished = true;
    for (const event of parser.end()) yield event;
  } finally {
    clearTimeout(total);
    clearTimeout(idle);
    // The consumer stopped early (or we failed): let go of the connection.
    if (reader && !finished) await reader.cancel().catch(() => {});
  }
}

/** JSON out of an SSE data line, or a `bad_response`. */
export function parseJson<T>(provider: string, data: string): T {
  try {
    return JSON.parse(data) as T;
  } catch {
    throw new ProviderError("bad_response", `${provider} sent an event that is not JSON`, { retryable: false });
  }
}
