import { and, count, eq, gt, gte, isNull, lt } from "drizzle-orm";
import type { Tx } from "@/db";
import { agents, invitations, memberships, runs, type PlanLimits, type QuotaMetric } from "@/db/schema";
import type { TenantSummary } from "../request-context";
import { readUsage } from "../usage/read-usage";
import { quotaPeriod, type QuotaPeriod } from "./quota-period";

export type QuotaFigure = {
  metric: QuotaMetric;
  used: number;
  /** Null: unlimited. */
  limit: number | null;
  /** When `used` goes back to 0: the period's end for runs and tokens, null for standing counts. */
  resetsAt: Date | null;
};

export type QuotaUsage = { period: QuotaPeriod; figures: Record<QuotaMetric, QuotaFigure> };

/**
 * What a tenant has used against each quota, now:
 *   - runs: runs ended this period (the usage roll-up plus its not-yet-rolled tail, so a run that
 *     ended a moment ago counts) plus runs still running that started this period (they have no
 *     usage record yet, but they were let in: a quota counts at the door);
 *   - tokens: input + output tokens of runs ended this period;
 *   - agents: agents not archived; seats: members plus invitations still open (an invitation
 *     holds its seat until it is accepted, revoked or expires).
 *
 * Read-only. It is exact when read under the quota lock (server/billing/quotas.ts) in the
 * transaction that then writes the run, the agent or the invitation.
 */
export async function readQuotaUsage(
  ctx: { tx: Tx; tenant: Pick<TenantSummary, "id"> },
  limits: PlanLimits,
  now: Date = new Date(),
): Promise<QuotaUsage> {
  const period = quotaPeriod(now);
  const tenantId = ctx.tenant.id;
  // readUsage wants whole hours: the period starts on one; the end of "now" is the next hour.
  const to = new Date(Math.ceil((now.getTime() + 1) / 3_600_000) * 3_600_000);
  const usage = await readUsage(ctx, { from: period.start, to: to < period.end ? to : period.end });
  const [running] = await ctx.tx
    .select({ n: count() })
    .from(runs)
    .where(and(eq(runs.tenantId, tenantId), eq(runs.status, "running"), gte(runs.createdAt, period.start), lt(runs.createdAt, period.end)));
  const [agentCount] = await ctx.tx
    .select({ n: count() })
    .from(agents)
    .where(and(eq(agents.tenantId, tenantId), isNull(agents.archivedAt)));
  const [members] = await ctx.tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tenantId));
  const [open] = await ctx.tx
    .select({ n: count() })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    );
  const figure = (metric: QuotaMetric, used: number, limit: number | null, resets: boolean): QuotaFigure => ({
    metric,
    used,
    limit,
    resetsAt: resets ? period.end : null,
  });
  return {
    period,
    figures: {
      runs: figure("runs", usage.totals.runs + (running?.n ?? 0), limits.runsPerMonth, true),
      tokens: figure("tokens", usage.totals.inputTokens + usage.totals.outputTokens, limits.tokensPerMonth, true),
      agents: figure("agents", agentCount?.n ?? 0, limits.agents, false),
      seats: figure("seats", (members?.n ?? 0) + (open?.n ?? 0), limits.seats, false),
    },
  };
}
