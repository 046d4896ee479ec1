import { eq, sql } from "drizzle-orm";
import { plans, subscriptions, type Plan } from "@/db/schema";
import type { DomainContext } from "@/server/request-context";
import { runInTenant, type TenantAccess } from "@/server/tenancy/tenant-context";
import { stripe } from "./config";

/** The tenant's subscription row and the plan catalogue entry asked for, read in one short transaction. */
export async function readBillingState(deps: DomainContext, access: TenantAccess, planId?: string) {
  return runInTenant(
    deps,
    access,
    async (ctx) => {
      const [row] = await ctx.tx.select().from(subscriptions).where(eq(subscriptions.tenantId, ctx.tenant.id));
      const [plan] = planId ? await ctx.tx.select().from(plans).where(eq(plans.id, planId)) : [];
      return { subscription: row ?? null, plan: (plan ?? null) as Plan | null };
    },
    { readOnly: true },
  );
}

/**
 * The tenant's Stripe customer, created on first need. Stripe's Idempotency-Key (per tenant) makes
 * two racing first checkouts end with one customer; the row is written with `status = 'none'`
 * (no subscription yet) and a customer id already there is never replaced.
 */
export async function ensureCustomer(deps: DomainContext, access: TenantAccess, existing: string | null): Promise<string> {
  if (existing) return existing;
  const customer = await stripe().customers.create(
    { name: access.tenant.name, metadata: { tenantId: access.tenant.id, tenantSlug: access.tenant.slug } },
    { idempotencyKey: `agentry-customer-${access.tenant.id}` },
  );
  return runInTenant(deps, access, async (ctx) => {
    const [row] = await ctx.tx
      .insert(subscriptions)
      .values({ tenantId: ctx.tenant.id, stripeCustomerId: customer.id, status: "none" })
      .onConflictDoUpdate({
        target: subscriptions.tenantId,
        set: { stripeCustomerId: sql`coalesce(${subscriptions.stripeCustomerId}, excluded.stripe_customer_id)`, updatedAt: sql`now()` },
      })
      .returning({ customerId: subscriptions.stripeCustomerId });
    return row!.customerId!;
  });
}
