import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { DomainError, HTTP_STATUS, ValidationError } from "../errors";
import { logger } from "../obs/logger";
import { appRouter } from "../trpc/root";
import { prepareApiRequest } from "./prepare-request";
import { MAX_TRPC_BATCH } from "./trpc-batch";
import { requestIdFrom } from "./request-meta";
import { createRequestContext, type RequestContextFactory } from "./trpc-context";

function assertBatchSize(req: Request) {
  const url = new URL(req.url);
  if (url.searchParams.get("batch") !== "1") return;
  const calls = url.pathname.replace(/^\/api\/trpc\/?/, "").split(",").length;
  if (calls > MAX_TRPC_BATCH) {
    throw new ValidationError(
      `A batch may hold at most ${MAX_TRPC_BATCH} calls; this one has ${calls}. Split it.`,
      undefined,
      "batch_too_large",
    );
  }
}

/**
 * `/api/trpc`: the portal's door (session) and programs' (API key), same procedures as REST.
 * `createContext` is how the server serving it (Next, or the lean API tier) builds a context.
 */
export function trpcHandler(createContext: RequestContextFactory) {
  return (req: Request) => serveTrpc(req, createContext);
}

/** The tRPC door as Next's route handler serves it (Auth.js sessions through next/headers). */
export const handleTrpcRequest = trpcHandler(createRequestContext);

async function serveTrpc(req: Request, createContext: RequestContextFactory): Promise<Response> {
  const started = performance.now();
  const requestId = requestIdFrom(req.headers);
  let prepared: Awaited<ReturnType<typeof prepareApiRequest>>;
  try {
    assertBatchSize(req);
    prepared = await prepareApiRequest(req, requestId);
  } catch (error) {
    if (error instanceof DomainError) {
      return Response.json(
        { error: { code: error.code, message: error.message } },
        { status: HTTP_STATUS[error.kind], headers: { "x-request-id": requestId } },
      );
    }
    throw error;
  }
  const resHeaders = new Headers();
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: prepared.request,
    router: appRouter,
    createContext: () => createContext(prepared.request.headers, resHeaders),
    responseMeta: () => ({ headers: resHeaders }),
    // Checked above with a clearer message; this is tRPC's own guard, kept as a second line.
    maxBatchSize: MAX_TRPC_BATCH,
    // Failures inside a procedure are logged by its error middleware; this catches the rest.
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR" && !path)
        logger.error({ err: error.cause ?? error, requestId }, "tRPC request failed outside a procedure");
    },
  });
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
    "trpc request",
  );
  return response;
}
