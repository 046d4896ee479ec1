import { ROLES, type QuotaMetric, type Role } from "@/db/schema";
import { notifyRoles } from "../playbooks/notify";
import type { TenantContext } from "../request-context";
import { roleCan } from "../tenancy/permissions";

/** The roles that may see the billing page, and so its notices (read from the permissions table, not named). */
const BILLING_ROLES = ROLES.filter((r: Role) => roleCan(r, "billing:read"));

/** What a billing notice says; the bell renders it in the reader's language. */
export type BillingNotice =
  | {
      kind: "quota";
      detail: { metric: QuotaMetric; threshold: 80 | 100; limit: number; used: number; period: { start: string; end: string | null } };
    }
  | { kind: "billing"; detail: { event: "payment_failed"; graceEndsAt: string; amount: number; currency: string } }
  | { kind: "billing"; detail: { event: "downgraded"; fromPlanId: string; toPlanId: string; reason: string } };

/**
 * One in-app notice per member who may read billing (each reads and dismisses their own), written
 * in the caller's transaction beside its cause — a quota crossing, a failed payment, a downgrade —
 * so a cause that rolls back leaves no notice. Callers run as members, API keys or the
 * `stripe-billing` system job; all of them act inside the tenant's RLS scope.
 */
export function notifyBillingMembers(ctx: Pick<TenantContext, "tx" | "tenant">, notice: BillingNotice): Promise<number> {
  return notifyRoles(ctx, BILLING_ROLES, { ...notice, incidentId: null, responseId: null });
}
