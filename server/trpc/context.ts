import type { Scopes } from "@/db/scope";
import type { SessionUser } from "../auth/sessions";
import { requestMetaFromHeaders } from "../http/request-meta";
import { localeFromHeaders } from "../i18n/server-messages";
import type { RateLimiter } from "../ratelimit";
import type { DomainContext, RequestMeta, TenantContext } from "../request-context";
import { tenantBatch, type TenantAccess } from "../tenancy/tenant-context";

/** The session user as the procedures see it (from Auth.js, or injected by tests). */
export type ContextSessionUser = Omit<SessionUser, "sessionId"> & { sessionId: string };

export type CreateContextOptions = {
  headers: Headers;
  /** Response headers procedures may add to (rate-limit headers). */
  resHeaders?: Headers;
  scopes: Scopes;
  limiter: RateLimiter;
  /** Reads the session; called at most once per request, and only by procedures that need it. */
  getSessionUser: () => Promise<ContextSessionUser | null>;
  /** Base URL for links we hand out. */
  baseUrl: string;
  /**
   * `api` (default): every call authenticates afresh and spends the plan's API rate limits.
   * `page`: a server-component render — authenticated once for the whole render, and no API
   * allowance spent (API limits are for API doors).
   */
  door?: "api" | "page";
};

/**
 * The inner context: everything a procedure can use, with no HTTP or framework in it, so tests
 * call procedures with `createCaller(createInnerContext({...}))`.
 */
export function createInnerContext(opts: CreateContextOptions) {
  let session: Promise<ContextSessionUser | null> | undefined;
  let access: Promise<TenantAccess> | undefined;
  let batch: ReturnType<typeof tenantBatch> | undefined;
  const door = opts.door ?? "api";
  const authorization = opts.headers.get("authorization");
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1] ?? null;
  const meta: RequestMeta = requestMetaFromHeaders(opts.headers);
  const locale = localeFromHeaders(opts.headers);
  /** What the domain's verbs need from this request, whichever door it came through. */
  const domain: DomainContext = { scopes: opts.scopes, meta, appUrl: opts.baseUrl, locale };
  return {
    domain,
    meta,
    scopes: opts.scopes,
    limiter: opts.limiter,
    baseUrl: opts.baseUrl,
    /** The language error messages are written in (cookie, else Accept-Language). */
    locale,
    resHeaders: opts.resHeaders ?? new Headers(),
    /** `Authorization: Bearer …` was sent (even a malformed one: it must not fall back to cookies). */
    hasAuthorizationHeader: authorization !== null,
    bearer,
    /** `Idempotency-Key` of the request, as sent (the verb that honours it validates it). */
    idempotencyKey: opts.headers.get("idempotency-key"),
    /** The organisation a session request acts in (`x-agentry-tenant: <slug>`). */
    tenantSlug: opts.headers.get("x-agentry-tenant")?.trim().toLowerCase() || null,
    session: () => (session ??= opts.getSessionUser()),
    door,
    /** The tenant access for this context: resolved once per render on the page door, per call otherwise. */
    tenantAccess: (resolve: () => Promise<TenantAccess>) => (door === "page" ? (access ??= resolve()) : resolve()),
    /** Page door: the procedures a render starts together share one tenant transaction. */
    inRenderTransaction: <T>(resolved: TenantAccess, work: (ctx: TenantContext) => Promise<T>) =>
      (batch ??= tenantBatch(domain, resolved))(work),
  };
}

export type Context = ReturnType<typeof createInnerContext>;
