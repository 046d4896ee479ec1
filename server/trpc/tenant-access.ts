import type { TransactionOptions } from "@/db/pipelined-transaction";
import { ForbiddenError, UnauthorizedError } from "../errors";
import { enforceLimits } from "../ratelimit/enforce-limits";
import type { TenantContext } from "../request-context";
import { requireAccess, resolveTenantAccess, runInTenant, type TenantAccess, type TenantCredential } from "../tenancy/tenant-context";
import type { Context } from "./context";
import type { Meta } from "./init";

/**
 * The tenant procedure's door work, and only that: read the credential off the request, let the
 * domain authenticate (`server/tenancy/tenant-context.ts`) — once per render on the page door —,
 * spend the API rate-limit allowance (API doors only), then let the domain run the procedure in
 * its own tenant transaction.
 */

async function credentialOf(ctx: Context): Promise<TenantCredential> {
  if (ctx.hasAuthorizationHeader) {
    if (!ctx.bearer) throw new UnauthorizedError("Send the key as: Authorization: Bearer agt_…", "invalid_authorization_header");
    return { kind: "api_key", secret: ctx.bearer };
  }
  const user = await ctx.session();
  if (!user) throw new UnauthorizedError();
  return { kind: "session", userId: user.id, tenantSlug: ctx.tenantSlug ?? "" };
}

/** Outside any transaction: the limiter may be a network hop (Upstash). */
function enforceRateLimits(ctx: Context, access: TenantAccess) {
  return enforceLimits(ctx.limiter, ctx.resHeaders, [
    { scope: "tenant", bucket: `tenant:${access.tenant.id}`, perMinute: access.limits.tenantRequestsPerMinute },
    ...(access.principal.type === "api_key"
      ? [{ scope: "api_key" as const, bucket: `key:${access.principal.keyId}`, perMinute: access.limits.apiKeyRequestsPerMinute }]
      : []),
  ]);
}

/**
 * Authenticates (key or session) with the procedure's declared permission, checks the plan's
 * rate limits, then runs `next` in the tenant transaction. A procedure that fails rolls its
 * transaction back (audit rows included) and its after-commit work never starts.
 */
export async function runTenantProcedure<T extends { ok: boolean }>(
  ctx: Context,
  meta: Meta | undefined,
  next: (tenantCtx: TenantContext) => Promise<T>,
  /** A query only reads: its transaction is read-only (Postgres enforces it; its commit is not awaited). */
  options: TransactionOptions = {},
): Promise<T> {
  const access = await resolveProcedureAccess(ctx, meta);
  const work = async (tenantCtx: TenantContext) => {
    const result = await next(tenantCtx);
    // tRPC hands failures back as values: throw to roll the transaction (or savepoint) back.
    if (!result.ok) throw (result as unknown as { error: unknown }).error;
    return result;
  };
  if (ctx.door === "page") return ctx.inRenderTransaction(access, work);
  await enforceRateLimits(ctx, access);
  return runInTenant(ctx.domain, access, work, options);
}

/** Who is calling, and may they do what `meta` declares (no transaction, no rate limit spent). */
async function resolveProcedureAccess(ctx: Context, meta: Meta | undefined): Promise<TenantAccess> {
  const permission = meta?.permission;
  if (!permission) throw new Error("tenant procedure declared without meta.permission");
  const peopleOnly = meta?.sessionOnly;
  if (peopleOnly && ctx.hasAuthorizationHeader) throw new ForbiddenError("API keys cannot do this; use the portal.", "session_only");
  const resolved = await ctx.tenantAccess(async () => resolveTenantAccess(ctx.domain, await credentialOf(ctx)));
  return requireAccess(resolved, { permission, peopleOnly });
}

/**
 * The door work of a tenant procedure without its transaction: for verbs that open their own
 * short transactions because they wait on the network in between (a run awaits a model). The
 * same credential, permission and rate-limit checks; the verb gets the access, not a `tx`.
 * Also what the streaming runs route uses, so both doors refuse alike.
 */
export async function authorizeTenantCall(ctx: Context, meta: Meta | undefined): Promise<TenantAccess> {
  const access = await resolveProcedureAccess(ctx, meta);
  if (ctx.door !== "page") await enforceRateLimits(ctx, access);
  return access;
}
