import { DomainError, HTTP_STATUS } from "../errors";
import { logger } from "../obs/logger";
import type { ErrorEnvelope } from "../trpc/error-shape";
import { routeOpenApi } from "./openapi-adapter";
import { readApiBody } from "./prepare-request";
import { requestIdFrom } from "./request-meta";
import { createRequestContext, type RequestContextFactory } from "./trpc-context";

const json = (status: number, body: unknown, headers: Headers) => {
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(body), { status, headers });
};

/**
 * `/api/v1/*`: the REST door, generated from the tRPC router. Every error body is rewritten
 * to the one envelope `{ error: { code, message, details } }`. `createContext` is how the server
 * serving it (Next, or the lean API tier) builds a request's context.
 */
export function restHandler(createContext: RequestContextFactory) {
  return (req: Request) => serveRest(req, createContext);
}

/** The REST door as Next's route handler serves it (Auth.js sessions through next/headers). */
export const handleRestRequest = restHandler(createRequestContext);

async function serveRest(req: Request, createContext: RequestContextFactory): Promise<Response> {
  const started = performance.now();
  const resHeaders = new Headers();
  // Chosen before the body is read, so even a refusal before routing (413) carries it.
  const requestId = requestIdFrom(req.headers);
  let response: Response;
  try {
    const { headers, bodyText } = await readApiBody(req, requestId);
    // The prepared headers: an empty body is labelled JSON there, so the router does not answer 415.
    const prepared = new Request(req.url, { method: req.method, headers });
    const upstream = await routeOpenApi(prepared, bodyText, "/api/v1", () => createContext(headers, resHeaders));
    if (upstream.ok) {
      response = upstream;
    } else {
      const body = (await upstream.json().catch(() => null)) as { message?: string; data?: { error?: ErrorEnvelope } } | null;
      const envelope: ErrorEnvelope = body?.data?.error ?? { code: "error", message: body?.message ?? "Request failed." };
      response = json(upstream.status, { error: envelope }, new Headers(upstream.headers));
    }
  } catch (error) {
    // Only what happens before the router runs lands here (an oversized body, say).
    if (error instanceof DomainError) {
      const envelope = { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
      response = json(HTTP_STATUS[error.kind], { error: envelope }, new Headers());
    } else {
      logger.error({ err: error, requestId }, "REST request failed before routing");
      response = json(
        500,
        { error: { code: "internal_error", message: `Something went wrong on our side (request ${requestId}).` } },
        new Headers(),
      );
    }
  }
  response.headers.set("x-request-id", requestId);
  // Tenant data: never stored by a browser or shared cache (next.config.ts says so for all of /api
  // too; set here as well so the handler carries it wherever it is served from).
  response.headers.set("cache-control", "no-store");
  logger.info(
    {
      requestId,
      method: req.method,
      path: new URL(req.url).pathname,
      status: response.status,
      ms: Math.round(performance.now() - started),
    },
    "rest request",
  );
  return response;
}
