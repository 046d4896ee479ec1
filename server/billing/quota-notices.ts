import { and, eq } from "drizzle-orm";
import { quotaNotices, type QuotaMetric } from "@/db/schema";
import { emitEvent } from "../events/emit-event";
import type { TenantContext } from "../request-context";
import { notifyBillingMembers } from "./notify-billing-members";
import { currentLimits } from "./quota-limits";
import { quotaPeriod, type QuotaPeriod } from "./quota-period";
import { readRunUsage } from "./quota-usage";

type Ctx = Pick<TenantContext, "tx" | "tenant" | "principal" | "meta">;

export type NoticeInput = {
  metric: QuotaMetric;
  /** Used before and after what was just admitted; a threshold is crossed when before < mark <= after. */
  before: number;
  after: number;
  limit: number;
  period: QuotaPeriod;
  thresholds: readonly (80 | 100)[];
};

/** The count at which a threshold is reached: 80 % of 10 runs is the 8th. */
export const thresholdMark = (limit: number, threshold: 80 | 100) => Math.ceil((limit * threshold) / 100);

/**
 * The soft warnings: a row in quota_notices per (metric, period, threshold) — its unique key makes
 * each warning happen once per period, even when two requests cross the same threshold at once
 * (the second insert waits for the first and inserts nothing). Only the request whose row went in
 * tells the world: the domain event `quota.threshold_reached` (webhooks may subscribe to it) and
 * an in-app notice to each member who may read billing (the bell links it to the billing page).
 */
export async function recordQuotaNotices(ctx: Ctx, input: NoticeInput): Promise<(80 | 100)[]> {
  const sent: (80 | 100)[] = [];
  for (const threshold of input.thresholds) {
    const mark = thresholdMark(input.limit, threshold);
    if (mark <= 0 || input.before >= mark || input.after < mark) continue;
    const inserted = await ctx.tx
      .insert(quotaNotices)
      .values({
        tenantId: ctx.tenant.id,
        metric: input.metric,
        periodStart: input.period.start,
        threshold,
        limit: input.limit,
        used: input.after,
      })
      .onConflictDoNothing()
      .returning({ id: quotaNotices.id });
    if (inserted.length === 0) continue;
    const resets = input.metric === "runs" || input.metric === "tokens";
    const resetsAt = resets ? input.period.end.toISOString() : null;
    await emitEvent(ctx, "quota.threshold_reached", {
      metric: input.metric,
      threshold,
      limit: input.limit,
      used: input.after,
      periodStart: input.period.start.toISOString(),
      resetsAt,
    });
    await notifyBillingMembers(ctx, {
      kind: "quota",
      detail: {
        metric: input.metric,
        threshold,
        limit: input.limit,
        used: input.after,
        period: { start: input.period.start.toISOString(), end: resetsAt },
      },
    });
    sent.push(threshold);
  }
  return sent;
}

/**
 * After a run ended (in the transaction that ended it): the token warnings its usage reached.
 * Runs ending together each read their own snapshot, so one may not see the others' tokens; the
 * warning is then sent by the next run to end (before = 0: any threshold reached and not yet noticed).
 */
export async function noticeTokenUsage(ctx: Ctx, now: Date = new Date()): Promise<(80 | 100)[]> {
  const limits = await currentLimits(ctx);
  if (limits.tokensPerMonth == null) return [];
  const period = quotaPeriod(now);
  const done = await ctx.tx
    .select({ threshold: quotaNotices.threshold })
    .from(quotaNotices)
    .where(and(eq(quotaNotices.tenantId, ctx.tenant.id), eq(quotaNotices.metric, "tokens"), eq(quotaNotices.periodStart, period.start)));
  const pending = ([80, 100] as const).filter((t) => !done.some((d) => d.threshold === t));
  if (pending.length === 0) return [];
  const usage = await readRunUsage(ctx, now, { lock: false });
  return recordQuotaNotices(ctx, {
    metric: "tokens",
    before: 0,
    after: usage.tokens,
    limit: limits.tokensPerMonth,
    period,
    thresholds: pending,
  });
}
