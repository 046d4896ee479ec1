import type { Tx } from "@/db";
import type { Scopes } from "@/db/scope";
import type { Role, TenantStatus } from "@/db/schema";
import type { Locale } from "./i18n/config";
import type { Permission } from "./tenancy/permissions";

/** Where a request came from: recorded on audit rows and log lines. */
export type RequestMeta = {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /**
   * Event lineage (see server/events): what ties the events this request writes to the ones
   * before it. Absent on an ordinary request (its request id correlates); set when an Inngest
   * function acts because of an event (correlation carried on, causation = that event's id).
   */
  correlationId?: string;
  causationId?: string;
  /** The W3C trace id, when the request arrived inside a trace. */
  traceId?: string;
};

/**
 * Who acts. Every principal carries `role`: the highest role it may act as in this tenant
 * (a member's own role, a key's creator's current role, or what a system job or an operator
 * was granted), so role-ranked checks ("you cannot promote above yourself") read one field.
 */
export type UserPrincipal = {
  type: "user";
  userId: string;
  email: string;
  name: string;
  role: Role;
};

export type ApiKeyPrincipal = {
  type: "api_key";
  keyId: string;
  keyName: string;
  prefix: string;
  scopes: string[];
  /** The creating member, whose current role bounds what the key may do. */
  createdBy: string;
  role: Role;
};

/** The installation itself acting (an Inngest function, a retention job, a script). */
export type SystemPrincipal = {
  type: "system";
  /** Stable name of the job, e.g. `retention-purge`: it is the audit row's actor id. */
  job: string;
  role: Role;
};

/** A platform operator acting inside a tenant (support, suspension), with a stated reason. */
export type PlatformPrincipal = {
  type: "platform";
  operatorId: string;
  reason: string;
  role: Role;
};

export type Principal = UserPrincipal | ApiKeyPrincipal | SystemPrincipal | PlatformPrincipal;

/** The member a change is attributed to for membership-bound columns (`invited_by`, `created_by`), if any. */
export function actingMemberId(principal: Principal): string | null {
  if (principal.type === "user") return principal.userId;
  if (principal.type === "api_key") return principal.createdBy;
  return null;
}

export type TenantSummary = {
  id: string;
  slug: string;
  name: string;
  planId: string;
  status: TenantStatus;
  createdAt: Date;
};

/** Work that waits on the network (mail now; webhooks, models later): runs only after commit. */
export type AfterCommit = (task: () => Promise<void>, label: string) => void;

/**
 * What every tenant verb receives: a transaction already scoped to the tenant, who is acting,
 * what they may do, where the request came from, the public base URL for links, and the
 * after-commit queue for anything that must not run while the transaction is open.
 */
export type TenantContext = {
  tx: Tx;
  tenant: TenantSummary;
  principal: Principal;
  permissions: readonly Permission[];
  meta: RequestMeta;
  appUrl: string;
  /** The request's language, for what is sent to a person because of it (an invitation e-mail). */
  locale?: Locale;
  afterCommit: AfterCommit;
};

/**
 * Verbs that open their own transactions (no tenant yet, or the tenant is found from a token)
 * receive the database doors instead of a transaction: the same shape from tRPC, route
 * handlers, scripts and Inngest functions.
 */
export type DomainContext = {
  scopes: Scopes;
  meta: RequestMeta;
  appUrl: string;
  /** The request's language: what a message sent to a person because of it is written in (default English). */
  locale?: Locale;
  /**
   * Hands network work (identity mail) to run once the response is on its way — Next's `after()`
   * in server actions — so the answer's timing never waits on, or tells anything about, SMTP.
   * These verbs open and close their own transactions, so none is open when they queue it.
   * Absent (scripts, tests): the verb awaits the work itself.
   */
  afterResponse?: AfterCommit;
};

/** A signed-in person, outside any tenant (create an organisation, accept an invitation). */
export type SignedInContext = DomainContext & { user: { id: string; email: string; emailVerified: boolean } };

/** Signed in through a session of the person's own (the portal): what "this browser" is to the session verbs. */
export type SessionContext = SignedInContext & { user: SignedInContext["user"] & { sessionId: string } };

/** A platform operator on the cross-tenant path (`withPlatform`, audited with a reason). */
export type PlatformContext = DomainContext & { operator: { id: string } };
