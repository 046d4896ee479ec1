import type { PlanLimits } from "@/db/schema";
import { hashSecret, isWellFormedApiKey } from "../auth/api-key-format";
import { loadKeyAccess, touchKey } from "../api-keys/load-key-access";
import { resolveKeyTenant } from "../api-keys/resolve-key-tenant";
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from "../errors";
import { enforceLimits } from "../ratelimit/enforce-limits";
import type { ApiKeyPrincipal, Principal, TenantContext, TenantSummary } from "../request-context";
import { findMyTenantBySlug } from "../tenancy/find-tenant-by-slug";
import { loadMemberAccess } from "../tenancy/load-member-access";
import { expandGrants, grants, ROLE_GRANTS, type Permission } from "../tenancy/permissions";
import { slugCache } from "../tenancy/slug-cache";
import type { Context } from "./context";
import type { Meta } from "./init";

type Access = { tenant: TenantSummary; principal: Principal; permissions: Permission[]; limits: PlanLimits };

/** Why a tenant cannot be used right now (deleted looks like missing). */
function assertUsable(tenant: TenantSummary) {
  if (tenant.status === "deleted") throw new NotFoundError("Organisation");
  if (tenant.status === "suspended") throw new ForbiddenError("This organisation is suspended. Contact support.", "tenant_suspended");
}

/** A key may do what its scopes allow, and never more than its creator's role today. */
function keyPermissions(scopes: string[], creatorRole: keyof typeof ROLE_GRANTS | null): Permission[] {
  if (!creatorRole) return [];
  return expandGrants(scopes).filter((p) => grants(ROLE_GRANTS[creatorRole], p));
}

async function keyAccess(ctx: Context, secret: string) {
  if (!isWellFormedApiKey(secret)) throw new UnauthorizedError("This is not an Agentry API key (expected agt_… with a valid checksum).", "invalid_api_key");
  const secretHash = hashSecret(secret);
  const tenantId = await resolveKeyTenant(ctx.scopes, secretHash);
  if (!tenantId) throw new UnauthorizedError("This API key is not valid.", "invalid_api_key");
  return {
    tenantId,
    load: async (tx: TenantContext["tx"]): Promise<Access> => {
      const row = await loadKeyAccess(tx, tenantId, secretHash);
      if (!row) throw new UnauthorizedError("This API key is not valid.", "invalid_api_key");
      if (row.key.revokedAt) throw new UnauthorizedError("This API key has been revoked.", "api_key_revoked");
      if (row.key.expiresAt && row.key.expiresAt <= new Date()) throw new UnauthorizedError("This API key has expired.", "api_key_expired");
      if (!row.key.createdBy || !row.creatorRole) {
        throw new UnauthorizedError("This API key's creator is no longer a member.", "api_key_orphaned");
      }
      assertUsable(row.tenant);
      await touchKey(tx, tenantId, row.key.id, row.key.lastUsedAt);
      const principal: ApiKeyPrincipal = {
        type: "api_key",
        keyId: row.key.id,
        keyName: row.key.name,
        prefix: row.key.prefix,
        scopes: row.key.scopes,
        createdBy: row.key.createdBy,
        role: row.creatorRole,
      };
      return { tenant: row.tenant, principal, permissions: keyPermissions(row.key.scopes, row.creatorRole), limits: row.limits };
    },
  };
}

/** The cached slug → tenant lookup no longer holds (organisation deleted, member removed). */
class StaleTenantLookupError extends NotFoundError {
  constructor() {
    super("Organisation");
  }
}

async function sessionAccess(ctx: Context) {
  const user = await ctx.session();
  if (!user) throw new UnauthorizedError();
  if (!ctx.tenantSlug) {
    throw new ValidationError("Say which organisation: send the x-agentry-tenant header with its slug.", undefined, "tenant_required");
  }
  const slug = ctx.tenantSlug;
  const cacheKey = `${user.id}:${slug}`;
  const tenantId = await slugCache.get(cacheKey, () => ctx.scopes.withUser(user.id, (tx) => findMyTenantBySlug(tx, user.id, slug)));
  if (!tenantId) throw new NotFoundError("Organisation");
  return {
    tenantId,
    load: async (tx: TenantContext["tx"]): Promise<Access> => {
      // Re-read inside the tenant transaction on every request: removal takes effect at once.
      const row = await loadMemberAccess(tx, tenantId, user.id);
      // A deleted organisation frees its slug: the cached id may name the old one.
      if (!row || row.tenant.status === "deleted") {
        slugCache.delete(cacheKey);
        throw new StaleTenantLookupError();
      }
      assertUsable(row.tenant);
      return {
        tenant: row.tenant,
        principal: { type: "user", userId: user.id, email: row.email, name: row.name, role: row.role },
        permissions: expandGrants(ROLE_GRANTS[row.role]),
        limits: row.limits,
      };
    },
  };
}

function enforceRateLimits(ctx: Context, access: Access) {
  return enforceLimits(ctx.limiter, ctx.resHeaders, [
    { scope: "tenant", bucket: `tenant:${access.tenant.id}`, perMinute: access.limits.tenantRequestsPerMinute },
    ...(access.principal.type === "api_key"
      ? [{ scope: "api_key" as const, bucket: `key:${access.principal.keyId}`, perMinute: access.limits.apiKeyRequestsPerMinute }]
      : []),
  ]);
}

/**
 * Runs `next` inside the caller's tenant transaction, after authenticating (key or session),
 * checking the procedure's declared permission and the plan's rate limits. A procedure that
 * fails rolls the whole transaction back (its audit row included).
 */
export async function runInTenant<T extends { ok: boolean }>(
  ctx: Context,
  meta: Meta | undefined,
  next: (tenantCtx: TenantContext) => Promise<T>,
): Promise<T> {
  const permission = meta?.permission;
  if (!permission) throw new Error("tenant procedure declared without meta.permission");
  const usesKey = ctx.hasAuthorizationHeader;
  if (usesKey && meta?.sessionOnly) throw new ForbiddenError("API keys cannot do this; use the portal.", "session_only");
  if (usesKey && !ctx.bearer) throw new UnauthorizedError("Send the key as: Authorization: Bearer agt_…", "invalid_authorization_header");
  const gate = usesKey ? await keyAccess(ctx, ctx.bearer!) : await sessionAccess(ctx);
  try {
    return await inTenant(ctx, gate, permission, next);
  } catch (error) {
    // Thrown before `next` runs: look the slug up afresh, once (it may now name another tenant).
    if (!(error instanceof StaleTenantLookupError)) throw error;
    return inTenant(ctx, await sessionAccess(ctx), permission, next);
  }
}

async function inTenant<T extends { ok: boolean }>(
  ctx: Context,
  gate: { tenantId: string; load: (tx: TenantContext["tx"]) => Promise<Access> },
  permission: Permission,
  next: (tenantCtx: TenantContext) => Promise<T>,
): Promise<T> {
  return ctx.scopes.withTenant(gate.tenantId, async (tx) => {
    const access = await gate.load(tx);
    if (!access.permissions.includes(permission)) {
      throw new ForbiddenError(
        access.principal.type === "api_key"
          ? `This API key lacks the ${permission} scope (or its creator's role no longer allows it).`
          : `Your role (${access.principal.role}) does not allow ${permission}.`,
        "missing_permission",
        { required: permission },
      );
    }
    await enforceRateLimits(ctx, access);
    const result = await next({ tx, tenant: access.tenant, principal: access.principal, permissions: access.permissions, meta: ctx.meta });
    // tRPC hands failures back as values: throw to roll the transaction back.
    if (!result.ok) throw (result as unknown as { error: unknown }).error;
    return result;
  });
}
