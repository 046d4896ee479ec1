import "server-only";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { scopes } from "@/db";
import { localeFromHeaders } from "../i18n/server-messages";
import { logger } from "../obs/logger";
import { getRateLimiter } from "../ratelimit";
import { createInnerContext } from "../trpc/context";
import { errorEnvelope } from "../trpc/error-shape";
import { createCaller } from "../trpc/root";
import { baseUrlFrom } from "./app-url";
import { sessionUserFromAuth } from "./trpc-context";

/**
 * What `serverCaller` is for server components, for a portal route handler: the same procedures,
 * in process, as the signed-in user of this request's cookies. A bearer header is dropped — this
 * is the portal's door; programs use /api/v1 — and the organisation comes from the URL.
 */
export function routeCaller(req: Request, tenantSlug?: string) {
  const h = new Headers(req.headers);
  h.delete("authorization");
  if (tenantSlug) h.set("x-agentry-tenant", tenantSlug);
  else h.delete("x-agentry-tenant");
  const ctx = createInnerContext({
    headers: h,
    scopes,
    limiter: getRateLimiter(),
    getSessionUser: sessionUserFromAuth,
    baseUrl: baseUrlFrom(h),
  });
  return Object.assign(createCaller(ctx), { requestId: ctx.meta.requestId });
}

/**
 * A procedure's failure as a route handler's response: signed out goes to sign-in (and back),
 * anything else is the usual error envelope with its status.
 */
export function routeErrorResponse(error: unknown, req: Request, requestId: string): Response {
  if (error instanceof TRPCError && error.code === "UNAUTHORIZED") {
    const url = new URL(req.url);
    const back = `${url.pathname}${url.search}`;
    return Response.redirect(new URL(`/sign-in?callbackUrl=${encodeURIComponent(back)}`, baseUrlFrom(req.headers)), 303);
  }
  const trpcError =
    error instanceof TRPCError
      ? error
      : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error instanceof Error ? error : undefined });
  const status = getHTTPStatusCodeFromError(trpcError);
  if (status >= 500) logger.error({ err: trpcError.cause ?? trpcError, requestId }, "portal route failed");
  return Response.json(
    { error: errorEnvelope(trpcError, requestId, localeFromHeaders(req.headers)) },
    { status, headers: { "x-request-id": requestId } },
  );
}
