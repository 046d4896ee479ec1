import { invoices, meterReports, quotaNotices, subscriptions } from "@/db/schema";
import { notifyBillingMembers } from "@/server/billing/notify-billing-members";
import { actInTenant } from "@/server/tenancy/tenant-context";
import { domainContext } from "../../support/callers";
import type { TestDatabase } from "../../support/databases";

/**
 * A row in each billing table for a tenant, in a tenant transaction (the Stripe webhook processor
 * and the quota checks write them from their own paths; the wall is the same). Stripe ids carry the
 * tenant id: they are globally unique. The quota notice's in-app notifications (no incident) are
 * written as the Stripe and quota jobs write them: a system principal in the tenant's scope.
 */
export async function seedBillingRows(db: TestDatabase, tenantId: string) {
  const tag = tenantId.replaceAll("-", "").slice(0, 16);
  const periodStart = new Date(Date.UTC(2026, 10, 1));
  await domainContext(db).scopes.withTenant(tenantId, async (tx) => {
    await tx.insert(subscriptions).values({
      tenantId,
      stripeCustomerId: `cus_${tag}`,
      stripeSubscriptionId: `sub_${tag}`,
      planId: "pro",
      status: "active",
      currentPeriodStart: periodStart,
      currentPeriodEnd: new Date(Date.UTC(2026, 11, 1)),
    });
    await tx.insert(invoices).values({
      tenantId,
      stripeInvoiceId: `in_${tag}`,
      number: `AGT-${tag.slice(0, 6)}-0001`,
      status: "paid",
      currency: "usd",
      amountDue: 4900,
      amountPaid: 4900,
      issuedAt: periodStart,
    });
    await tx.insert(meterReports).values({
      tenantId,
      identifier: `usage-${tag}`,
      eventName: "agentry_tokens",
      stripeCustomerId: `cus_${tag}`,
      value: 1234,
      occurredAt: periodStart,
    });
    await tx.insert(quotaNotices).values({ tenantId, metric: "runs", periodStart, threshold: 80, limit: 1000, used: 800 });
  });
  await actInTenant(domainContext(db), { kind: "system", tenantId, job: "isolation-seed" }, { permission: "billing:manage" }, (ctx) =>
    notifyBillingMembers(ctx, {
      kind: "quota",
      detail: { metric: "runs", threshold: 80, limit: 1000, used: 800, period: { start: periodStart.toISOString(), end: null } },
    }),
  );
}
