import type { Tx } from "@/db";
import type { Role, TenantStatus } from "@/db/schema";
import type { Permission } from "./tenancy/permissions";

/** Where a request came from: recorded on audit rows and log lines. */
export type RequestMeta = {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
};

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

export type Principal = UserPrincipal | ApiKeyPrincipal;

export type TenantSummary = {
  id: string;
  slug: string;
  name: string;
  planId: string;
  status: TenantStatus;
  createdAt: Date;
};

/**
 * What every tenant verb receives: a transaction already scoped to the tenant, who is acting,
 * what they may do, and where the request came from.
 */
export type TenantContext = {
  tx: Tx;
  tenant: TenantSummary;
  principal: Principal;
  permissions: readonly Permission[];
  meta: RequestMeta;
};

/** Identity verbs (sign-up, my organisations…) run in a user-scoped transaction. */
export type UserContext = {
  tx: Tx;
  user: { id: string; email: string; name: string; isPlatformAdmin: boolean };
  meta: RequestMeta;
};
