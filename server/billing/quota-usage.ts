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

type Ctx = { tx: Tx; tenant: Pick<TenantSummary, "id"> };

/**
 * Runs and tokens used this period: runs ended (the usage roll-up plus its not-yet-rolled tail)
 * plus runs still running that started this period (let in at the door, no usage record yet).
 *
 * Two statements, so a run ending between them could be counted by neither (gone from
 * "running", its usage record not yet in the first snapshot). The running rows are therefore
 * read FOR SHARE first: a run ending right now is waited for (and then read as ended), and no
 * run counted as running can end until this transaction does — the usage read after it sees
 * exactly the runs that are not running.
 */
export async function readRunUsage(
  ctx: Ctx,
  now: Date = new Date(),
  options: { lock: boolean } = { lock: true },
): Promise<{ period: QuotaPeriod; runs: number; tokens: number }> {
  const period = quotaPeriod(now);
  const query = ctx.tx
    .select({ id: runs.id })
    .from(runs)
    .where(
      and(eq(runs.tenantId, ctx.tenant.id), eq(runs.status, "running"), gte(runs.createdAt, period.start), lt(runs.createdAt, period.end)),
    );
  const running = options.lock ? await query.for("share") : await query;
  // readUsage wants whole hours: the period starts on one; the end of "now" is the next hour.
  const to = new Date(Math.ceil((now.getTime() + 1) / 3_600_000) * 3_600_000);
  const usage = await readUsage(ctx, { from: period.start, to: to < period.end ? to : period.end });
  return { period, runs: usage.totals.runs + running.length, tokens: usage.totals.inputTokens + usage.totals.outputTokens };
}

/** Agents not archived. */
export async function countAgents(ctx: Ctx): Promise<number> {
  const [row] = await ctx.tx
    .select({ n: count() })
    .from(agents)
    .where(and(eq(agents.tenantId, ctx.tenant.id), isNull(agents.archivedAt)));
  return row?.n ?? 0;
}

/** Members plus invitations still open (an invitation holds its seat until accepted, revoked or expired). */
export async function countSeats(ctx: Ctx, now: Date = new Date()): Promise<number> {
  const [members] = await ctx.tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, ctx.tenant.id));
  const [open] = await ctx.tx
    .select({ n: count() })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, ctx.tenant.id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    );
  return (members?.n ?? 0) + (open?.n ?? 0);
}

/**
 * What a tenant has used against each quota, now: runs and tokens (readRunUsage), agents not
 * archived, seats (members plus open invitations).
 *
 * For display (billing page, console): it takes no lock, so it may be read in a read-only
 * transaction; a run ending while it reads may be missed by one. The doors check with
 * readRunUsage under the quota lock (server/billing/quotas.ts), which is exact.
 */
export async function readQuotaUsage(ctx: Ctx, limits: PlanLimits, now: Date = new Date()): Promise<QuotaUsage> {
  const { period, runs: runCount, tokens } = await readRunUsage(ctx, now, { lock: false });
  const agentCount = await countAgents(ctx);
  const seats = await countSeats(ctx, now);
  const figure = (metric: QuotaMetric, used: number, limit: number | null, resets: boolean): QuotaFigure => ({
    metric,
    used,
    limit,
    resetsAt: resets ? period.end : null,
  });
  return {
    period,
    figures: {
      runs: figure("runs", runCount, limits.runsPerMonth, true),
      tokens: figure("tokens", tokens, limits.tokensPerMonth, true),
      agents: figure("agents", agentCount, limits.agents, false),
      seats: figure("seats", seats, limits.seats, false),
    },
  };
}
