import type { PlanLimits } from "@/db/schema";
import { QuotaExceededError, type QuotaDetails } from "../errors";
import { billingUrl, currentLimits, type QuotaCtx } from "./quota-limits";
import { lockQuota, quotaLockName } from "./quota-lock";
import { recordQuotaNotices } from "./quota-notices";
import { quotaPeriod, type QuotaPeriod } from "./quota-period";
import { countAgents, countSeats, readRunUsage } from "./quota-usage";

/**
 * The plan's quotas at the doors where their cost is incurred: a run, an agent, a seat. Each
 * check runs in the transaction that then writes the thing, under that quota's advisory lock, so
 * concurrent requests queue only on the check and the count they read includes every request
 * admitted before them: 50 requests against a quota of 10 admit exactly 10. Over quota: 402
 * (QuotaExceededError) and, since the transaction rolls back, nothing written.
 */

export type { QuotaCtx } from "./quota-limits";

/** What a check admitted: enough to tell, once the thing is written, whether it crossed a warning threshold. */
export type Admission = { metric: "runs" | "agents" | "seats"; before: number; limit: number; period: QuotaPeriod } | null;

const day = (d: Date) => d.toISOString().slice(0, 10);

function exceeded(ctx: QuotaCtx, metric: QuotaDetails["metric"], limit: number, used: number, resetsAt: Date | null, what: string) {
  const when = resetsAt ? ` It resets on ${day(resetsAt)} (UTC).` : "";
  return new QuotaExceededError(
    `This organisation has reached its plan's limit of ${limit} ${what} (${used} used).${when} Upgrade the plan for more.`,
    {
      metric,
      scope: "tenant",
      limit,
      used,
      resetsAt: resetsAt?.toISOString() ?? null,
      upgradeUrl: billingUrl(ctx),
    },
  );
}

/** The run quotas' limits, with their lock taken — or null when the plan has none (nothing to count, no lock). */
export async function lockRunQuota(ctx: QuotaCtx): Promise<PlanLimits | null> {
  const limits = await currentLimits(ctx);
  if (limits.runsPerMonth == null && limits.tokensPerMonth == null) return null;
  await lockQuota(ctx.tx, quotaLockName(ctx.tenant.id, "runs"));
  return limits;
}

/** Under lockRunQuota's lock: refused when runs used >= runsPerMonth or tokens used >= tokensPerMonth. */
export async function assertRunQuota(ctx: QuotaCtx, limits: PlanLimits | null, now: Date = new Date()): Promise<Admission> {
  if (!limits) return null;
  const usage = await readRunUsage(ctx, now);
  if (limits.runsPerMonth != null && usage.runs >= limits.runsPerMonth) {
    throw exceeded(ctx, "runs", limits.runsPerMonth, usage.runs, usage.period.end, "runs this month");
  }
  if (limits.tokensPerMonth != null && usage.tokens >= limits.tokensPerMonth) {
    throw exceeded(ctx, "tokens", limits.tokensPerMonth, usage.tokens, usage.period.end, "tokens this month");
  }
  return limits.runsPerMonth == null ? null : { metric: "runs", before: usage.runs, limit: limits.runsPerMonth, period: usage.period };
}

/** Before an agent is created (or brought back): refused at `agents` agents not archived. */
export async function assertAgentAllowed(ctx: QuotaCtx, now: Date = new Date()): Promise<Admission> {
  const limits = await currentLimits(ctx);
  if (limits.agents == null) return null;
  await lockQuota(ctx.tx, quotaLockName(ctx.tenant.id, "agents"));
  const used = await countAgents(ctx);
  if (used >= limits.agents) throw exceeded(ctx, "agents", limits.agents, used, null, "agents");
  return { metric: "agents", before: used, limit: limits.agents, period: quotaPeriod(now) };
}

/** Before an invitation takes a seat: refused at `seats` members plus open invitations. */
export async function assertSeatAllowed(ctx: QuotaCtx, now: Date = new Date()): Promise<Admission> {
  const limits = await currentLimits(ctx);
  if (limits.seats == null) return null;
  await lockQuota(ctx.tx, quotaLockName(ctx.tenant.id, "seats"));
  const used = await countSeats(ctx, now);
  if (used >= limits.seats) throw exceeded(ctx, "seats", limits.seats, used, null, "seats (members and open invitations)");
  return { metric: "seats", before: used, limit: limits.seats, period: quotaPeriod(now) };
}

/** After the admitted thing is written (same transaction): the soft warnings it crossed, once each. */
export async function admitted(ctx: QuotaCtx, admission: Admission): Promise<void> {
  if (!admission) return;
  // Runs warn at 80 % and 100 %; standing counts (agents, seats) only when full.
  const thresholds = admission.metric === "runs" ? ([80, 100] as const) : ([100] as const);
  await recordQuotaNotices(ctx, {
    metric: admission.metric,
    before: admission.before,
    after: admission.before + 1,
    limit: admission.limit,
    period: admission.period,
    thresholds,
  });
}
