import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { localeFromHeaders } from "../i18n/server-messages";
import { logger } from "../obs/logger";
import { beginRun } from "../runs/begin-run";
import { createRunInput, idempotencyKeyFrom } from "../runs/create-run-input";
import type { RunEvent } from "../runs/run-events";
import { endEvent, replayEvents, SSE_HEARTBEAT, sseFrame } from "../runs/sse";
import { continueRun } from "../runs/start-run";
import { errorEnvelope, toTRPCError } from "../trpc/error-shape";
import { authorizeTenantCall } from "../trpc/tenant-access";
import { readApiBody } from "./prepare-request";
import { requestIdFrom } from "./request-meta";
import type { RequestContextFactory } from "./trpc-context";

/**
 * `POST /api/v1/agents/{id}/runs`, the one REST route with two answers. A caller that asks for
 * Server-Sent Events (`Accept: text/event-stream`, or `"stream": true` in the body) gets the run
 * as it happens; anyone else gets the generic REST door (the `runs.create` procedure, JSON).
 *
 * The streaming answer is prepared by the same machinery as every API request (same-origin check
 * for cookies, body limit, JSON only, request id, the procedure's permission and rate limits),
 * and everything that can be refused is refused before the stream starts, as a JSON error with
 * its status: a malformed body (400), not JSON (415), too large (413), unknown agent (404), a
 * quarantined one or an idempotency conflict (409). Once the `run` event is sent, the run exists
 * and ends with `done` or `error`. If the client goes away, the model call is aborted and the run
 * is marked failed (`client_disconnected`).
 */

export const AGENT_RUNS_PATH = /^\/api\/v1\/agents\/([^/]+)\/runs\/?$/;

const HEARTBEAT_MS = 15_000;

function wantsEventStream(req: Request): boolean {
  return (req.headers.get("accept") ?? "").toLowerCase().includes("text/event-stream");
}

function errorResponse(error: unknown, req: Request, requestId: string, resHeaders?: Headers): Response {
  const trpcError = toTRPCError(error);
  const status = getHTTPStatusCodeFromError(trpcError);
  if (status >= 500) logger.error({ err: trpcError.cause ?? error, requestId }, "streaming run request failed");
  const headers = new Headers(resHeaders);
  headers.set("content-type", "application/json");
  headers.set("cache-control", "no-store");
  headers.set("x-request-id", requestId);
  return new Response(JSON.stringify({ error: errorEnvelope(trpcError, requestId, localeFromHeaders(req.headers)) }), { status, headers });
}

function parseJson(text: string | null): { ok: true; value: unknown } | { ok: false } {
  if (!text) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const invalidJson = () => new TRPCError({ code: "PARSE_ERROR", message: "The request body is not valid JSON." });

/** The runs route for a server: SSE when asked for, else `rest` (the generic door) with the body already read. */
export function agentRunsHandler(createContext: RequestContextFactory, rest: (req: Request) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const match = AGENT_RUNS_PATH.exec(new URL(req.url).pathname);
    if (req.method !== "POST" || !match) return rest(req);
    const requestId = requestIdFrom(req.headers);
    const resHeaders = new Headers();
    try {
      const { headers, bodyText } = await readApiBody(req, requestId);
      const parsed = parseJson(bodyText);
      const streamed = wantsEventStream(req) || (parsed.ok && (parsed.value as { stream?: unknown } | undefined)?.stream === true);
      if (!streamed) return rest(new Request(req.url, { method: req.method, headers, body: bodyText }));
      if (!parsed.ok) throw invalidJson();
      const body = parsed.value && typeof parsed.value === "object" ? parsed.value : {};
      const input = createRunInput.safeParse({ ...body, id: decodeURIComponent(match[1]!) });
      if (!input.success) throw new TRPCError({ code: "BAD_REQUEST", cause: input.error });
      const ctx = createContext(headers, resHeaders);
      const access = await authorizeTenantCall(ctx, { permission: "run:create" });
      const begun = await beginRun(ctx.domain, access, {
        agentId: input.data.id,
        input: input.data.input,
        conversationId: input.data.conversationId,
        idempotencyKey: idempotencyKeyFrom(ctx.idempotencyKey),
        stream: true,
      });
      const events = eventStream(async (send, signal) => {
        if (begun.kind === "existing") {
          for (const event of replayEvents(begun.run)) send(event);
          return;
        }
        send(endEvent(await continueRun(ctx.domain, access, begun, true, { sink: send, signal })));
      }, requestId);
      const out = new Headers(resHeaders);
      out.set("content-type", "text/event-stream; charset=utf-8");
      // no-transform: a compressing layer (next start's, a proxy's) must not buffer the stream to compress it.
      out.set("cache-control", "no-store, no-transform");
      // nginx and friends buffer responses by default; an event must leave when it is written.
      out.set("x-accel-buffering", "no");
      out.set("x-request-id", requestId);
      req.signal?.addEventListener("abort", events.abort, { once: true });
      logger.info({ requestId, method: req.method, path: new URL(req.url).pathname, status: 200, stream: true }, "rest request");
      return new Response(events.body, { status: 200, headers: out });
    } catch (error) {
      return errorResponse(error, req, requestId, resHeaders);
    }
  };
}

/**
 * A byte stream of run events written by `produce`. Cancelling it (the client went away) aborts
 * `produce`'s signal; nothing is written after that. A heartbeat comment goes out while idle.
 */
function eventStream(produce: (send: (event: RunEvent) => void, signal: AbortSignal) => Promise<void>, requestId: string) {
  const abort = new AbortController();
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (bytes: Uint8Array) => {
        if (closed) return;
        try {
          controller.enqueue(bytes);
        } catch {
          closed = true;
        }
      };
      heartbeat = setInterval(() => write(SSE_HEARTBEAT), HEARTBEAT_MS);
      produce((event) => write(sseFrame(event)), abort.signal)
        .catch((error: unknown) => {
          logger.error({ err: error, requestId }, "streaming run failed after it started");
          write(
            sseFrame({
              type: "error",
              error: { code: "internal_error", message: `Something went wrong on our side (request ${requestId}).` },
              run: null,
            }),
          );
        })
        .finally(() => {
          clearInterval(heartbeat);
          if (!closed) {
            closed = true;
            controller.close();
          }
        });
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      abort.abort();
    },
  });
  return {
    body,
    abort: () => {
      closed = true;
      clearInterval(heartbeat);
      abort.abort();
    },
  };
}
