import { eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { subscriptions } from "@/db/schema";
import type { TenantSummary } from "../request-context";
import type { PaymentProblem } from "./billing-overview-dto";

type SubscriptionRow = typeof subscriptions.$inferSelect;

/** Dunning: Stripe says the last payment failed and the subscription is waiting on a new card. */
export function paymentProblemOf(row: Pick<SubscriptionRow, "status" | "paymentFailedAt" | "graceUntil"> | undefined): PaymentProblem {
  if (!row || !row.paymentFailedAt || (row.status !== "past_due" && row.status !== "unpaid")) return null;
  return { failedAt: row.paymentFailedAt.toISOString(), graceUntil: row.graceUntil?.toISOString() ?? null };
}

export async function readSubscription(ctx: { tx: Tx; tenant: Pick<TenantSummary, "id"> }): Promise<SubscriptionRow | undefined> {
  const [row] = await ctx.tx.select().from(subscriptions).where(eq(subscriptions.tenantId, ctx.tenant.id)).limit(1);
  return row;
}

/** The banner's state alone, for the portal frame (every page of an owner or admin): one indexed read. */
export async function readPaymentProblem(ctx: { tx: Tx; tenant: Pick<TenantSummary, "id"> }): Promise<PaymentProblem> {
  return paymentProblemOf(await readSubscription(ctx));
}
