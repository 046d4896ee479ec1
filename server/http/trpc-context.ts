import { scopes } from "@/db";
import { auth } from "../auth/next-auth";
import { getRateLimiter } from "../ratelimit";
import { createInnerContext } from "../trpc/context";
import { baseUrlFrom } from "./app-url";

/** The session as procedures see it, read through Auth.js (which checks the session row). */
export async function sessionUserFromAuth() {
  const session = await auth();
  if (!session?.user?.id || !session.sessionId) return null;
  return { ...session.user, sessionId: session.sessionId };
}

/** The production context for a request: the process's database, limiter and Auth.js session. */
export function createRequestContext(headers: Headers, resHeaders: Headers) {
  return createInnerContext({
    headers,
    resHeaders,
    scopes,
    limiter: getRateLimiter(),
    getSessionUser: sessionUserFromAuth,
    baseUrl: baseUrlFrom(headers),
  });
}
