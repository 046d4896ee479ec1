import { scopes } from "@/db";
import { auth } from "../auth/next-auth";
import { getRateLimiter } from "../ratelimit";
import { createInnerContext, type Context } from "../trpc/context";
import { limitSessionRequest } from "../ratelimit/session-limits";
import { baseUrlFrom } from "./app-url";
import { clientIp } from "./client-address";

/** The session as procedures see it, read through Auth.js (which checks the session row). */
export async function sessionUserFromAuth() {
  const session = await auth();
  if (!session?.user?.id || !session.sessionId) return null;
  return { ...session.user, sessionId: session.sessionId };
}

/** How a server builds a request's context from its prepared headers. */
export type RequestContextFactory = (headers: Headers, resHeaders: Headers) => Context;

/**
 * The production context for an API request (/api/trpc, /api/v1) served by Next: the process's
 * database, limiter and Auth.js session. A request that acts on a session counts against the
 * per-account and per-address limits when the session is first read.
 */
export function createRequestContext(headers: Headers, resHeaders: Headers): Context {
  const limiter = getRateLimiter();
  return createInnerContext({
    headers,
    resHeaders,
    scopes,
    limiter,
    getSessionUser: async () => {
      const user = await sessionUserFromAuth();
      if (user) await limitSessionRequest(limiter, resHeaders, { userId: user.id, ip: clientIp(headers) });
      return user;
    },
    baseUrl: baseUrlFrom(headers),
  });
}

/**
 * The context the lean API tier builds: the same database and limiter, for programs only. Auth.js
 * reads sessions through Next's request scope, which this tier does not have, so a request with
 * no API key is treated as signed out (401) — proxies send the tier only requests that carry an
 * `Authorization` header (README, "API tier").
 */
export function createProgramContext(headers: Headers, resHeaders: Headers): Context {
  return createInnerContext({
    headers,
    resHeaders,
    scopes,
    limiter: getRateLimiter(),
    getSessionUser: async () => null,
    baseUrl: baseUrlFrom(headers),
  });
}
