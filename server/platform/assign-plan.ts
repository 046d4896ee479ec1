import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { plans, tenants } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError, ValidationError } from "../errors";
import type { PlatformContext } from "../request-context";
import { actOnTenant, reasonText, tenantIdInput } from "./operator";

export const assignPlanInput = tenantIdInput.extend({ planId: z.string().trim().min(1).max(64), reason: reasonText });

/**
 * Puts a tenant on a plan without Stripe (no STRIPE_SECRET_KEY, an enterprise contract, a
 * goodwill upgrade). Quotas read `tenants.plan_id` on the next request. The `subscriptions` row
 * is Stripe's truth and is left alone: a later Stripe event for a paid subscription still wins.
 */
export async function assignPlan(ctx: PlatformContext, input: z.infer<typeof assignPlanInput>): Promise<{ planId: string }> {
  return actOnTenant(ctx, { tenantId: input.tenantId, what: `assign plan ${input.planId} to`, reason: input.reason }, async (op) => {
    const [plan] = await op.tx.select({ id: plans.id }).from(plans).where(eq(plans.id, input.planId)).limit(1);
    if (!plan) throw new ValidationError("There is no such plan.", { planId: "Unknown plan" }, "plan_not_found");
    if (op.row.planId === plan.id) throw new ConflictError("The organisation is already on this plan.", "plan_unchanged");
    await op.tx
      .update(tenants)
      .set({ planId: plan.id, updatedAt: sql`now()` })
      .where(eq(tenants.id, op.tenant.id));
    await recordChange(op, "billing.plan_assigned", {
      targetId: op.tenant.id,
      facts: { plan: { from: op.row.planId, to: plan.id } },
      personal: { reason: input.reason },
    });
    return { planId: plan.id };
  });
}
