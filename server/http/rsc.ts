import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { headers } from "next/headers";
import { cache } from "react";
import { scopes } from "@/db";
import { getRateLimiter } from "../ratelimit";
import { createInnerContext } from "../trpc/context";
import { createCaller } from "../trpc/root";
import type { Permission } from "../tenancy/permissions";
import { baseUrlFrom } from "./app-url";
import { sessionUserFromAuth } from "./trpc-context";

/** The session for this render, read once however many components ask. */
export const currentUser = cache(sessionUserFromAuth);

/** Server components call the same procedures as every other door, in process. */
export const serverCaller = cache(async (tenantSlug?: string) => {
  const h = new Headers(await headers());
  h.delete("authorization");
  if (tenantSlug) h.set("x-agentry-tenant", tenantSlug);
  return createCaller(
    // The page door: one authentication per render, no API rate-limit allowance spent.
    createInnerContext({
      headers: h,
      scopes,
      limiter: getRateLimiter(),
      getSessionUser: currentUser,
      baseUrl: baseUrlFrom(h),
      door: "page",
    }),
  );
});

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(returnTo: string) {
  const user = await currentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/**
 * Awaits a procedure for a page: "not found" (which is also "not yours") renders the 404 page,
 * "signed out" goes to sign-in; anything else reaches the error boundary.
 */
export async function load<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "NOT_FOUND") notFound();
      if (error.code === "UNAUTHORIZED") redirect("/sign-in");
    }
    throw error;
  }
}

/**
 * Who the signed-in user is in an organisation and what they may do: the same permission table
 * the procedures enforce, so pages hide exactly what the role cannot do. Cached per render.
 */
export const tenantAccess = cache(async (slug: string) => {
  const caller = await serverCaller(slug);
  const [me, tenant] = await Promise.all([load(caller.tenant.whoami()), load(caller.tenant.get())]);
  const permissions = new Set(me.permissions);
  return { me, tenant, caller, can: (permission: Permission) => permissions.has(permission) };
});
