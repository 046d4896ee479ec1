/**
 * tRPC, once. Sections:
 *   1. meta: what a procedure declares (its REST route, the permission it needs)
 *   2. initialisation: context, error formatting
 *   3. the procedure ladder: public → authed → tenant → admin
 *
 * The tenant procedure serves all three doors: a session (portal, with `x-agentry-tenant`) or
 * an API key (programs) — the key names its own tenant. The domain builds the tenant context
 * (`server/tenancy/tenant-context.ts`); `tenant-access.ts` only adds the door's rate limits.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { logger } from "../obs/logger";
import type { Permission } from "../tenancy/permissions";
import type { Context } from "./context";
import { errorEnvelope, toTRPCError } from "./error-shape";
import { authorizeTenantCall, runTenantProcedure } from "./tenant-access";

// 1. Meta ----------------------------------------------------------------------------------------
export type Meta = OpenApiMeta<{
  /** Required by every tenant procedure: the permission a caller must hold. */
  permission?: Permission;
  /** For tenant procedures: API keys may not call this one (e.g. leaving an organisation). */
  sessionOnly?: boolean;
}>;

// 2. Initialisation ------------------------------------------------------------------------------
const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    errorFormatter({ shape, error, ctx }) {
      const envelope = errorEnvelope(error, ctx?.meta.requestId, ctx?.locale);
      // No stack, no cause: the envelope is all a client ever sees.
      return {
        message: envelope.message,
        code: shape.code,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, error: envelope },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

// 3. Procedures ----------------------------------------------------------------------------------
/** Maps domain errors to tRPC codes and logs what was not expected. */
const errorMapping = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (result.ok) return result;
  const mapped = toTRPCError(result.error);
  if (mapped.code === "INTERNAL_SERVER_ERROR") {
    logger.error({ err: mapped.cause ?? result.error, path, requestId: ctx.meta.requestId }, "unhandled error in procedure");
  }
  throw mapped;
});

export const publicProcedure = t.procedure.use(errorMapping);

/** A signed-in person (session cookie). API keys are tenant credentials, not people. */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user = await ctx.session();
  if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  return next({
    ctx: {
      user,
      signedIn: { ...ctx.domain, user: { id: user.id, email: user.email, emailVerified: user.emailVerified, sessionId: user.sessionId } },
    },
  });
});

/** A member or API key of one tenant, with the procedure's declared permission, in its transaction. */
export const tenantProcedure = publicProcedure.use(({ ctx, meta, type, next }) =>
  runTenantProcedure(ctx, meta, (tenantCtx) => next({ ctx: { tenantCtx } }), { readOnly: type === "query" }),
);

/**
 * A member or API key of one tenant, checked like `tenantProcedure`, but given no transaction:
 * the verb receives the access and opens its own short transactions, because it awaits the
 * network between them (a run waits on a model and tools; a transaction must never wait on those).
 */
export const tenantAccessProcedure = publicProcedure.use(async ({ ctx, meta, next }) => {
  const access = await authorizeTenantCall(ctx, meta);
  return next({ ctx: { access } });
});

/**
 * A platform operator (session only). Their queries go through `withPlatform` with a stated
 * reason. To anyone else — signed out, a member, an API key — the console does not exist: 404,
 * the same answer as a path that was never there (a 401/403 would confirm it).
 */
export const adminProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const user = ctx.hasAuthorizationHeader ? null : await ctx.session();
  if (!user?.isPlatformAdmin) throw new TRPCError({ code: "NOT_FOUND", message: "Not found." });
  return next({
    ctx: {
      user,
      signedIn: { ...ctx.domain, user: { id: user.id, email: user.email, emailVerified: user.emailVerified, sessionId: user.sessionId } },
      platform: { ...ctx.domain, operator: { id: user.id } },
    },
  });
});
