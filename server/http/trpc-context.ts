import { scopes } from "@/db";
import { auth } from "../auth/next-auth";
import { getRateLimiter } from "../ratelimit";
import { createInnerContext } from "../trpc/context";
import { limitSessionRequest } from "../ratelimit/session-limits";
import { baseUrlFrom } from "./app-url";
import { clientIp } from "./client-address";

/** The session as procedures see it, read through Auth.js (which checks the session row). */
export async function sessionUserFromAuth() {
  const session = await auth();
  if (!session?.user?.id || !session.sessionId) return null;
  return { ...session.user, sessionId: session.sessionId };
}

/**
 * The production context for an API request (/api/trpc, /api/v1): the process's database,
 * limiter and Auth.js session. A request that acts on a session counts against the per-account
 * and per-address limits when the session is first read.
 */
export function createRequestContext(headers: Headers, resHeaders: Headers) {
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
