import { randomBytes } from "node:crypto";
import { confirmEmailVerification, issueEmailVerification } from "@/server/auth/email-verification";
import { signUp } from "@/server/auth/sign-up";
import { MemoryRateLimiter } from "@/server/ratelimit/memory-limiter";
import type { RateLimiter } from "@/server/ratelimit";
import { createInnerContext, type ContextSessionUser } from "@/server/trpc/context";
import { createCaller } from "@/server/trpc/root";
import type { DomainContext, SessionContext, TenantContext } from "@/server/request-context";
import type { Permission } from "@/server/tenancy/permissions";
import { actInTenant } from "@/server/tenancy/tenant-context";
import type { Scopes } from "@/db/scope";
import type { TestDatabase } from "./databases";

/** A strong password that satisfies the policy, for seeded accounts. */
export const TEST_PASSWORD = "Correct-Horse-Battery-9";

export type SeededUser = ContextSessionUser;

let counter = 0;
export function uniqueEmail(label = "user") {
  return `${label}-${process.pid}-${++counter}-${randomBytes(3).toString("hex")}@example.test`;
}

export function uniqueSlug(label = "org") {
  return `${label}-${randomBytes(4).toString("hex")}`;
}

/** A user who signed up and confirmed their address through the real link (unless `verified: false`). */
export async function seedUser(
  db: TestDatabase,
  name = "Test User",
  email = uniqueEmail(),
  options: { verified?: boolean } = {},
): Promise<SeededUser> {
  const user = await signUp(domainContext(db), { name, email, password: TEST_PASSWORD });
  if (!user.emailVerified && options.verified !== false) {
    const { token } = await issueEmailVerification(domainContext(db), { userId: user.id, email: user.email });
    await confirmEmailVerification(domainContext(db), { token: token });
    user.emailVerified = true;
  }
  return { ...user, sessionId: "00000000-0000-4000-8000-000000000000" };
}

export type CallerOptions = {
  /** Acts as this signed-in user (session door). */
  user?: SeededUser | null;
  /** In this organisation (what the portal sends as x-agentry-tenant). */
  tenantSlug?: string;
  /** Or as a program with this API key (Authorization: Bearer). */
  apiKey?: string;
  limiter?: RateLimiter;
  headers?: Record<string, string>;
  /** Which door the calls come through (default: an API door). */
  door?: "api" | "page";
  /** Database scopes to use instead of the test database's own (e.g. counting ones). */
  scopes?: Scopes;
};

/** Calls procedures in process, through the same context and middleware as HTTP requests. */
export function callerFor(db: TestDatabase, options: CallerOptions = {}) {
  const headers = new Headers(options.headers);
  if (options.tenantSlug) headers.set("x-agentry-tenant", options.tenantSlug);
  if (options.apiKey) headers.set("authorization", `Bearer ${options.apiKey}`);
  const resHeaders = new Headers();
  const ctx = createInnerContext({
    headers,
    resHeaders,
    scopes: options.scopes ?? db.scopes,
    limiter: options.limiter ?? new MemoryRateLimiter(),
    door: options.door,
    getSessionUser: async () => options.user ?? null,
    baseUrl: "http://localhost:3000",
  });
  return Object.assign(createCaller(ctx), { resHeaders });
}

/** The domain context a script or job would build: no HTTP, no tRPC. */
export function domainContext(db: TestDatabase, appUrl = "http://localhost:3000"): DomainContext {
  return { scopes: db.scopes, meta: { requestId: `test-${randomBytes(6).toString("hex")}`, ip: null, userAgent: null }, appUrl };
}

/** The account-page door's context for a seeded user (a session of its own). */
export function signedInContext(db: TestDatabase, user: SeededUser, appUrl?: string): SessionContext {
  return {
    ...domainContext(db, appUrl),
    user: { id: user.id, email: user.email, emailVerified: user.emailVerified, sessionId: user.sessionId },
  };
}

/** Runs `work` in a tenant as the system (a job), through the domain's own tenant context. */
export function asSystem<T>(
  db: TestDatabase,
  tenantId: string,
  work: (ctx: TenantContext) => Promise<T>,
  permission: Permission = "tenant:read",
) {
  return actInTenant(domainContext(db), { kind: "system", tenantId, job: "test-job" }, { permission }, work);
}

/**
 * A user who owns a fresh organisation. On the Free plan, whose agent (3) and seat (5) quotas are
 * enforced at the door (server/billing/quotas.ts): a test that is not about quotas should not
 * trip over them, so those two are lifted (`limit_overrides`, as a platform admin would) unless
 * `planLimits: true` keeps the plan's own. Runs and tokens keep the plan's (1,000 and 1M a month).
 */
export async function seedTenant(db: TestDatabase, ownerName = "Owner", options: { planLimits?: boolean } = {}) {
  const owner = await seedUser(db, ownerName);
  const slug = uniqueSlug();
  const tenant = await callerFor(db, { user: owner }).account.createTenant({ name: `Org ${slug}`, slug });
  if (!options.planLimits) {
    await db.ownerSql(`update tenants set limit_overrides = limit_overrides || '{"agents": null, "seats": null}'::jsonb where id = $1`, [
      tenant.id,
    ]);
  }
  return { owner, tenant, as: (user: SeededUser | null) => callerFor(db, { user, tenantSlug: slug }) };
}

/** Adds a member with a role, through the real invitation flow. */
export async function addMember(
  db: TestDatabase,
  seeded: Awaited<ReturnType<typeof seedTenant>>,
  role: "owner" | "admin" | "developer" | "viewer",
  name = `A ${role}`,
) {
  const user = await seedUser(db, name);
  const invite = await seeded.as(seeded.owner).invitations.create({ email: user.email, role });
  const token = invite.link.split("/invite/")[1]!;
  await callerFor(db, { user }).invitations.accept({ token });
  return user;
}
