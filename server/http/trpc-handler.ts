import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { DomainError, HTTP_STATUS } from "../errors";
import { logger } from "../obs/logger";
import { appRouter } from "../trpc/root";
import { prepareApiRequest, requestIdFrom } from "./prepare-request";
import { createRequestContext } from "./trpc-context";

/** `/api/trpc`: the portal's door (session) and programs' (API key), same procedures as REST. */
export async function handleTrpcRequest(req: Request): Promise<Response> {
  const requestId = requestIdFrom(req.headers);
  let prepared: Awaited<ReturnType<typeof prepareApiRequest>>;
  try {
    prepared = await prepareApiRequest(req, requestId);
  } catch (error) {
    if (error instanceof DomainError) {
      return Response.json({ error: { code: error.code, message: error.message } }, { status: HTTP_STATUS[error.kind], headers: { "x-request-id": requestId } });
    }
    throw error;
  }
  const resHeaders = new Headers();
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: prepared.request,
    router: appRouter,
    createContext: () => createRequestContext(prepared.request.headers, resHeaders),
    responseMeta: () => ({ headers: resHeaders }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error.cause ?? error, path, requestId: prepared.requestId }, "tRPC error");
    },
  });
  response.headers.set("x-request-id", prepared.requestId);
  return response;
}
