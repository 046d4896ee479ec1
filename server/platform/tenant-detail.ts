import { asc, count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { events, incidents, memberships, plans, subscriptions, tenants, type LimitOverrides, type PlanLimits } from "@/db/schema";
import { readQuotaUsage } from "../billing/quota-usage";
import { NotFoundError } from "../errors";
import type { PlatformContext } from "../request-context";
import { currentImpersonationOf } from "./impersonation-lookup";
import { operatorActor } from "./operator";

export const tenantDetailInput = z.object({ tenantId: z.uuid() });

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * One organisation as the console shows it: plan and status, quotas (used vs the effective limit:
 * plan limits with the overrides on top, read exactly as the quota doors read them), the raw
 * overrides for the editor, the subscription row, recent incidents and events, members, the plans
 * an operator may assign, and the operator's own active impersonation of it. One platform
 * transaction, one audit row.
 */
export async function getTenantDetail(ctx: PlatformContext, input: z.infer<typeof tenantDetailInput>) {
  return ctx.scopes.withPlatform(`platform console: view tenant ${input.tenantId}`, operatorActor(ctx), async (tx) => {
    const [row] = await tx
      .select({
        tenant: tenants,
        planName: plans.name,
        planLimits: plans.limits,
        priceMonthlyCents: plans.priceMonthlyCents,
        currency: plans.currency,
      })
      .from(tenants)
      .innerJoin(plans, eq(plans.id, tenants.planId))
      .where(eq(tenants.id, input.tenantId))
      .limit(1);
    if (!row) throw new NotFoundError("Organisation");
    const t = row.tenant;
    const overrides = (t.limitOverrides ?? {}) as LimitOverrides;
    const effective = { ...row.planLimits, ...overrides } as PlanLimits;
    const usage = await readQuotaUsage({ tx, tenant: { id: t.id } }, effective);
    const [members] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, t.id));
    const [subscription] = await tx.select().from(subscriptions).where(eq(subscriptions.tenantId, t.id)).limit(1);
    const recentIncidents = await tx
      .select({
        id: incidents.id,
        title: incidents.title,
        severity: incidents.severity,
        status: incidents.status,
        createdAt: incidents.createdAt,
      })
      .from(incidents)
      .where(eq(incidents.tenantId, t.id))
      .orderBy(desc(incidents.createdAt))
      .limit(10);
    const recentEvents = await tx
      .select({
        id: events.id,
        type: events.type,
        actorType: events.actorType,
        occurredAt: events.occurredAt,
        deliveredAt: events.deliveredAt,
      })
      .from(events)
      .where(eq(events.tenantId, t.id))
      .orderBy(desc(events.occurredAt), desc(events.id))
      .limit(10);
    const planList = await tx
      .select({ id: plans.id, name: plans.name, priceMonthlyCents: plans.priceMonthlyCents, currency: plans.currency })
      .from(plans)
      .orderBy(asc(plans.sortOrder));
    const impersonation = await currentImpersonationOf(tx, ctx.operator.id, t.id);
    return {
      tenant: {
        id: t.id,
        name: t.name,
        slug: t.slug,
        status: t.status,
        planId: t.planId,
        planName: row.planName,
        priceMonthlyCents: row.priceMonthlyCents,
        currency: row.currency,
        suspendedAt: iso(t.suspendedAt),
        suspendedReason: t.suspendedReason,
        createdAt: t.createdAt.toISOString(),
        members: members?.n ?? 0,
      },
      planLimits: row.planLimits,
      overrides,
      effectiveLimits: effective,
      quotas: Object.values(usage.figures).map((f) => ({ metric: f.metric, used: f.used, limit: f.limit, resetsAt: iso(f.resetsAt) })),
      period: { start: usage.period.start.toISOString(), end: usage.period.end.toISOString() },
      subscription: subscription
        ? {
            status: subscription.status,
            planId: subscription.planId,
            stripeCustomerId: subscription.stripeCustomerId,
            stripeSubscriptionId: subscription.stripeSubscriptionId,
            currentPeriodEnd: iso(subscription.currentPeriodEnd),
            cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
            paymentFailedAt: iso(subscription.paymentFailedAt),
            graceUntil: iso(subscription.graceUntil),
          }
        : null,
      incidents: recentIncidents.map((i) => ({ ...i, createdAt: i.createdAt.toISOString() })),
      events: recentEvents.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString(), deliveredAt: iso(e.deliveredAt) })),
      plans: planList,
      impersonation,
    };
  });
}

export type TenantDetail = Awaited<ReturnType<typeof getTenantDetail>>;
