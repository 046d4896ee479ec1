import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import { subscriptions, tenants } from "@/db/schema";
import { recordChange } from "@/server/audit/record-change";
import type { DomainContext } from "@/server/request-context";
import { actInTenant } from "@/server/tenancy/tenant-context";
import { notifyBillingMembers } from "../notify-billing-members";
import { FREE_PLAN_ID, lockSubscription } from "./apply-subscription";

/**
 * Dunning's last step: tenants whose grace period after a failed payment has run out go to Free
 * (`billing.downgraded`, and an in-app notice to each member who may read billing). Nothing is
 * deleted — agents, runs and history stay; only the limits change — and a later payment (Stripe's
 * subscription becoming active) moves the plan back.
 */
export async function expireGracePeriods(deps: DomainContext, now = new Date()): Promise<{ downgraded: string[] }> {
  const due = await deps.scopes.withPlatformSweep(
    "billing: grace periods due",
    { type: "system", id: "stripe-billing", requestId: deps.meta.requestId },
    (tx) =>
      tx
        .select({ tenantId: subscriptions.tenantId })
        .from(subscriptions)
        .where(and(isNotNull(subscriptions.graceUntil), lt(subscriptions.graceUntil, now)))
        .limit(500),
  );
  const downgraded: string[] = [];
  for (const { tenantId } of due) {
    const moved = await actInTenant(
      deps,
      // Dunning runs its course in a suspended organisation too: the plan follows what was paid.
      { kind: "system", tenantId, job: "stripe-billing", runsWhileSuspended: true },
      { permission: "billing:manage" },
      async (ctx) => {
        const row = await lockSubscription(ctx);
        if (!row?.graceUntil || row.graceUntil >= now) return false;
        await ctx.tx
          .update(subscriptions)
          .set({ graceUntil: null, updatedAt: sql`now()` })
          .where(eq(subscriptions.id, row.id));
        const [tenant] = await ctx.tx.select({ planId: tenants.planId }).from(tenants).where(eq(tenants.id, ctx.tenant.id)).for("update");
        if (!tenant || tenant.planId === FREE_PLAN_ID) return false;
        await ctx.tx.update(tenants).set({ planId: FREE_PLAN_ID }).where(eq(tenants.id, ctx.tenant.id));
        await recordChange(ctx, "billing.downgraded", {
          targetId: ctx.tenant.id,
          facts: { fromPlanId: tenant.planId, toPlanId: FREE_PLAN_ID, reason: "grace_expired" },
        });
        await notifyBillingMembers(ctx, {
          kind: "billing",
          detail: { event: "downgraded", fromPlanId: tenant.planId, toPlanId: FREE_PLAN_ID, reason: "grace_expired" },
        });
        return true;
      },
    );
    if (moved) downgraded.push(tenantId);
  }
  return { downgraded };
}
