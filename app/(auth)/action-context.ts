import { headers } from "next/headers";
import { after } from "next/server";
import { baseUrlFrom } from "@/server/http/app-url";
import { scopes } from "@/server/http/process-scopes";
import { requestMetaFromHeaders } from "@/server/http/request-meta";
import { currentUser } from "@/server/http/rsc";
import { localeFromHeaders } from "@/server/i18n/server-messages";
import type { DomainContext, SessionContext } from "@/server/request-context";

/*
 * The server-action door's contexts, built in one place as tRPC builds its own
 * (server/trpc/context.ts): the actions only parse the form, pick a context and call the verb.
 */

/** An anonymous request (sign-up, reset, confirming a link). Identity mail runs in Next's `after()`. */
export async function actionContext(): Promise<DomainContext> {
  const h = await headers();
  return {
    scopes,
    meta: requestMetaFromHeaders(h),
    appUrl: baseUrlFrom(h),
    locale: localeFromHeaders(h),
    afterResponse: (task) => after(task),
  };
}

/** The signed-in person acting on their own account, or null when signed out. */
export async function signedInActionContext(): Promise<SessionContext | null> {
  const user = await currentUser();
  if (!user) return null;
  return {
    ...(await actionContext()),
    user: { id: user.id, email: user.email, emailVerified: user.emailVerified, sessionId: user.sessionId },
  };
}
