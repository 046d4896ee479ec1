import { eq } from "drizzle-orm";
import type { TransactionOptions } from "@/db/pipelined-transaction";
import type { Scopes } from "@/db/scope";
import { users, type PlanLimits, type Role } from "@/db/schema";
import { loadKeyAccess, stampLastUsed } from "../api-keys/load-key-access";
import { resolveKeyTenant } from "../api-keys/resolve-key-tenant";
import { hashSecret, isWellFormedApiKey } from "../auth/api-key-format";
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from "../errors";
import { afterCommitQueue, type AfterCommitQueue } from "../events/after-commit";
import type { DomainContext, Principal, TenantContext, TenantSummary } from "../request-context";
import { findMyTenantBySlug } from "./find-tenant-by-slug";
import { impersonationAccess, IMPERSONATION_PERMISSIONS } from "./impersonation-access";
import { loadMemberAccess } from "./load-member-access";
import { loadTenantAccess } from "./load-tenant-access";
import { expandGrants, grants, ROLE_GRANTS, type Permission } from "./permissions";
import { slugCache } from "./slug-cache";

/**
 * The tenant context, built by the domain so every caller acts the same way: tRPC procedures,
 * route handlers, scripts and (soon) Inngest functions. Two steps, two short transactions:
 *
 *   1. `authenticateTenant`: credential → tenant → principal, status and permission checks.
 *   2. `runInTenant`: the work, in a fresh tenant transaction; after commit, the tasks the verb
 *      queued (mail…) start. Nothing that waits on the network runs inside either.
 *
 * Between the two a door may spend rate-limit allowance (an API door does; a page render and
 * a background job do not). See docs/adr/0005-domain-context-and-changes.md.
 */

export type TenantCredential =
  /** A signed-in person in the organisation named by its slug (portal). */
  | { kind: "session"; userId: string; tenantSlug: string }
  /** A program's API key: the key names its own tenant. */
  | { kind: "api_key"; secret: string }
  /**
   * The installation itself (a job), trusted by construction: only code can hold this.
   * `runsWhileSuspended`: the job keeps the platform's own books true (Stripe billing, dead-letter
   * capture…), so it still runs in a suspended organisation; every other job is refused there and
   * its Inngest function holds until reactivation (inngest/hold.ts; README, "Suspended organisations").
   */
  | { kind: "system"; tenantId: string; job: string; role?: Role; runsWhileSuspended?: true }
  /** A platform operator, checked against `users.is_platform_admin`, audited with a reason. */
  | { kind: "platform"; tenantId: string; operatorId: string; reason: string; role?: Role };

export type TenantRequirement = {
  /** The permission the work needs. */
  permission: Permission;
  /** People only: API keys, jobs and operators may not (e.g. leaving an organisation). */
  peopleOnly?: boolean;
};

/** Who may do what in which tenant, as established by step 1. */
export type TenantAccess = {
  tenant: TenantSummary;
  principal: Principal;
  permissions: Permission[];
  limits: PlanLimits;
  /** Set when a platform operator is looking in read-only (server/tenancy/impersonation-access.ts). */
  impersonation?: { id: string; expiresAt: Date };
};

/**
 * Why a tenant cannot be used right now (deleted looks like missing). `bookkeeping`: a system job
 * that carries the explicit `runsWhileSuspended` allowance — never a door.
 */
function assertUsable(tenant: TenantSummary, principal: Principal["type"] | "bookkeeping") {
  if (tenant.status === "deleted") throw new NotFoundError("Organisation");
  // An operator may still act in a suspended organisation (to look into it, to reactivate it), and so
  // may a job that records what happened to it (a payment, a failure): suspension keeps data, and its books.
  if (tenant.status === "suspended" && principal !== "platform" && principal !== "bookkeeping") {
    throw new ForbiddenError("This organisation is suspended. Contact support.", TENANT_SUSPENDED);
  }
}

export const TENANT_SUSPENDED = "tenant_suspended";

/** Whether an error is a suspended organisation's refusal (what a held job waits out: inngest/hold.ts). */
export const isTenantSuspended = (error: unknown): boolean => error instanceof ForbiddenError && error.code === TENANT_SUSPENDED;

/** A key may do what its scopes allow, and never more than its creator's role today. */
function keyPermissions(scopes: string[], creatorRole: Role | null): Permission[] {
  if (!creatorRole) return [];
  return expandGrants(scopes).filter((p) => grants(ROLE_GRANTS[creatorRole], p));
}

async function keyAccess(scopes: Scopes, secret: string): Promise<TenantAccess> {
  if (!isWellFormedApiKey(secret))
    throw new UnauthorizedError("This is not an Agentry API key (expected agt_… with a valid checksum).", "invalid_api_key");
  const secretHash = hashSecret(secret);
  const tenantId = await resolveKeyTenant(scopes, secretHash);
  if (!tenantId) throw new UnauthorizedError("This API key is not valid.", "invalid_api_key");
  // Read-only: Postgres holds it to that, and nobody waits for its commit (db/pipelined-transaction.ts).
  const row = await scopes.withTenant(tenantId, (tx) => loadKeyAccess(tx, tenantId, secretHash), { readOnly: true });
  if (!row) throw new UnauthorizedError("This API key is not valid.", "invalid_api_key");
  if (row.key.revokedAt) throw new UnauthorizedError("This API key has been revoked.", "api_key_revoked");
  if (row.key.expiresAt && row.key.expiresAt <= new Date()) throw new UnauthorizedError("This API key has expired.", "api_key_expired");
  // Authenticated but held back: an incident-response playbook (or an admin) suspended it; an admin can reinstate it.
  if (row.key.suspendedAt) {
    throw new ForbiddenError(
      "This API key is suspended after repeated blocked attacks. An admin of the organisation can reinstate it.",
      "api_key_suspended",
    );
  }
  if (!row.key.createdBy || !row.creatorRole) {
    throw new UnauthorizedError("This API key's creator is no longer a member.", "api_key_orphaned");
  }
  assertUsable(row.tenant, "api_key");
  stampLastUsed(scopes, tenantId, row.key.id, row.key.lastUsedAt);
  const principal: Principal = {
    type: "api_key",
    keyId: row.key.id,
    keyName: row.key.name,
    prefix: row.key.prefix,
    scopes: row.key.scopes,
    createdBy: row.key.createdBy,
    role: row.creatorRole,
  };
  return { tenant: row.tenant, principal, permissions: keyPermissions(row.key.scopes, row.creatorRole), limits: row.limits };
}

async function sessionAccess(scopes: Scopes, userId: string, tenantSlug: string, retried = false): Promise<TenantAccess> {
  const slug = tenantSlug.trim().toLowerCase();
  if (!slug)
    throw new ValidationError("Say which organisation: send the x-agentry-tenant header with its slug.", undefined, "tenant_required");
  const cacheKey = `${userId}:${slug}`;
  const tenantId = await slugCache.get(cacheKey, () => scopes.withUser(userId, (tx) => findMyTenantBySlug(tx, userId, slug)));
  if (!tenantId) return impersonatedAccess(scopes, userId, slug);
  // Re-read on every request: removal takes effect at once.
  const row = await scopes.withTenant(tenantId, (tx) => loadMemberAccess(tx, tenantId, userId), { readOnly: true });
  if (!row || row.tenant.status === "deleted") {
    // A deleted organisation frees its slug: the cached id may name the old one. Look again, once.
    slugCache.delete(cacheKey);
    if (retried) throw new NotFoundError("Organisation");
    return sessionAccess(scopes, userId, tenantSlug, true);
  }
  assertUsable(row.tenant, "user");
  return {
    tenant: row.tenant,
    principal: { type: "user", userId, email: row.email, name: row.name, role: row.role },
    permissions: expandGrants(ROLE_GRANTS[row.role]),
    limits: row.limits,
  };
}

/**
 * Not a member: a platform operator with an active impersonation may look, read-only (a viewer's
 * read permissions, and the transaction itself read-only), until it ends or expires. Anyone else,
 * or an ended or expired impersonation: the same 404 as a stranger's slug.
 */
async function impersonatedAccess(scopes: Scopes, userId: string, slug: string): Promise<TenantAccess> {
  const found = await impersonationAccess(scopes, userId, slug);
  if (!found) throw new NotFoundError("Organisation");
  assertUsable(found.tenant, "platform");
  return {
    tenant: found.tenant,
    principal: { type: "platform", operatorId: userId, reason: `impersonation ${found.impersonationId}`, role: "viewer" },
    permissions: [...IMPERSONATION_PERMISSIONS],
    limits: found.limits,
    impersonation: { id: found.impersonationId, expiresAt: found.expiresAt },
  };
}

async function systemAccess(scopes: Scopes, credential: Extract<TenantCredential, { kind: "system" }>): Promise<TenantAccess> {
  if (!credential.job.trim()) throw new TypeError("a system principal needs a job name");
  const row = await scopes.withTenant(credential.tenantId, (tx) => loadTenantAccess(tx, credential.tenantId), { readOnly: true });
  if (!row) throw new NotFoundError("Organisation");
  assertUsable(row.tenant, credential.runsWhileSuspended ? "bookkeeping" : "system");
  const role = credential.role ?? "owner";
  return {
    tenant: row.tenant,
    principal: { type: "system", job: credential.job, role },
    permissions: expandGrants(ROLE_GRANTS[role]),
    limits: row.limits,
  };
}

async function platformAccess(
  scopes: Scopes,
  credential: Extract<TenantCredential, { kind: "platform" }>,
  requestId: string | null,
): Promise<TenantAccess> {
  const { operatorId, tenantId, reason } = credential;
  // Their own row (identity scope) says whether they are an operator at all…
  const [operator] = await scopes.withUser(operatorId, (tx) =>
    tx.select({ isPlatformAdmin: users.isPlatformAdmin }).from(users).where(eq(users.id, operatorId)).limit(1),
  );
  if (!operator?.isPlatformAdmin) throw new ForbiddenError("Platform operators only.", "not_platform_operator");
  // …and the cross-tenant path finds the tenant, recording who looked and why in platform_audit_log.
  const found = await scopes.withPlatform(`act in tenant ${tenantId}: ${reason}`, { type: "user", id: operatorId, requestId }, (tx) =>
    loadTenantAccess(tx, tenantId),
  );
  if (!found) throw new NotFoundError("Organisation");
  assertUsable(found.tenant, "platform");
  const role = credential.role ?? "owner";
  return {
    tenant: found.tenant,
    principal: { type: "platform", operatorId, reason, role },
    permissions: expandGrants(ROLE_GRANTS[role]),
    limits: found.limits,
  };
}

function missingPermission(access: TenantAccess, permission: Permission): ForbiddenError {
  const { principal } = access;
  return new ForbiddenError(
    principal.type === "api_key"
      ? `This API key lacks the ${permission} scope (or its creator's role no longer allows it).`
      : `Your role (${principal.role}) does not allow ${permission}.`,
    "missing_permission",
    { required: permission },
  );
}

/** Step 1a, in short transactions of its own: who is acting, and where. */
export function resolveTenantAccess(deps: Pick<DomainContext, "scopes" | "meta">, credential: TenantCredential): Promise<TenantAccess> {
  switch (credential.kind) {
    case "session":
      return sessionAccess(deps.scopes, credential.userId, credential.tenantSlug);
    case "api_key":
      return keyAccess(deps.scopes, credential.secret);
    case "system":
      return systemAccess(deps.scopes, credential);
    case "platform":
      return platformAccess(deps.scopes, credential, deps.meta.requestId);
  }
}

/** Step 1b: may this principal do this? (No I/O: a resolved access can be checked many times.) */
export function requireAccess(access: TenantAccess, requirement: TenantRequirement): TenantAccess {
  if (requirement.peopleOnly && access.principal.type !== "user") {
    throw new ForbiddenError("API keys cannot do this; use the portal.", "session_only");
  }
  if (!access.permissions.includes(requirement.permission)) throw missingPermission(access, requirement.permission);
  return access;
}

/** Step 1: who is acting, where, and may they do this. */
export async function authenticateTenant(
  deps: Pick<DomainContext, "scopes" | "meta">,
  credential: TenantCredential,
  requirement: TenantRequirement,
): Promise<TenantAccess> {
  // People-only work is refused before any lookup when the credential cannot be a person.
  if (requirement.peopleOnly && credential.kind !== "session") {
    throw new ForbiddenError("API keys cannot do this; use the portal.", "session_only");
  }
  return requireAccess(await resolveTenantAccess(deps, credential), requirement);
}

/**
 * Step 2: runs `work` in a fresh transaction scoped to the tenant. If it throws, everything it
 * wrote rolls back (its audit rows included) and its after-commit tasks are dropped; if it
 * returns, the transaction commits and then those tasks start. Work that only reads says so
 * (`readOnly`): Postgres then refuses any write in it, and nobody waits for its commit.
 */
export async function runInTenant<T>(
  deps: DomainContext,
  access: TenantAccess,
  work: (ctx: TenantContext) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const queue = afterCommitQueue(deps.meta.requestId);
  // An impersonation reads only: Postgres refuses any write, whatever a procedure declared.
  const opts = access.impersonation ? { ...options, readOnly: true } : options;
  const result = await deps.scopes.withTenant(access.tenant.id, (tx) => work(contextFor(deps, access, tx, queue)), opts);
  queue.flush();
  return result;
}

function contextFor(deps: DomainContext, access: TenantAccess, tx: TenantContext["tx"], queue: AfterCommitQueue): TenantContext {
  const { tenant, principal, permissions } = access;
  return { tx, tenant, principal, permissions, meta: deps.meta, appUrl: deps.appUrl, locale: deps.locale, afterCommit: queue.add };
}

/**
 * Step 2 for a page render: the procedures a render starts together (its `Promise.all`) share one
 * tenant transaction instead of one each. Works queued in the same tick run one after another in
 * that transaction, each in its own savepoint, so one failing (a 404) rolls back only itself.
 * Nothing but the queued verbs runs inside it: no transaction is held across the render.
 */
export function tenantBatch(deps: DomainContext, access: TenantAccess) {
  type Item = { work: (ctx: TenantContext) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
  let pending: Item[] = [];
  const flush = async () => {
    const items = pending;
    pending = [];
    // Each work's after-commit tasks start only if its own savepoint held and the whole committed.
    const queues: AfterCommitQueue[] = [];
    const settle: (() => void)[] = [];
    try {
      await deps.scopes.withTenant(
        access.tenant.id,
        async (tx) => {
          for (const item of items) {
            const queue = afterCommitQueue(deps.meta.requestId);
            try {
              const value = await tx.transaction((savepoint) =>
                item.work(contextFor(deps, access, savepoint as TenantContext["tx"], queue)),
              );
              queues.push(queue);
              settle.push(() => item.resolve(value));
            } catch (error) {
              settle.push(() => item.reject(error));
            }
          }
        },
        access.impersonation ? { readOnly: true } : {},
      );
    } catch (error) {
      // The transaction itself failed (commit, connection): nothing in it happened.
      for (const item of items) item.reject(error);
      return;
    }
    for (const queue of queues) queue.flush();
    for (const done of settle) done();
  };
  return <T>(work: (ctx: TenantContext) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (pending.length === 0) setImmediate(() => void flush());
      pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
    });
}

/** Both steps, for callers with no rate limit to spend (scripts, jobs, tests). */
export async function actInTenant<T>(
  deps: DomainContext,
  credential: TenantCredential,
  requirement: TenantRequirement,
  work: (ctx: TenantContext) => Promise<T>,
): Promise<T> {
  return runInTenant(deps, await authenticateTenant(deps, credential, requirement), work);
}
