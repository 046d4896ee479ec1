import { and, eq, gte, lt, sql } from "drizzle-orm";
import { apiKeys, keyUsagePurged, runs } from "@/db/schema";
import { QuotaExceededError, type QuotaDetails } from "../errors";
import { budgetPeriod } from "./quota-period";
import { keyBudgetLockName, lockQuota } from "./quota-lock";
import { apiKeysUrl, type QuotaCtx } from "./quota-limits";

/**
 * An API key's optional budgets (runs, tokens, cost per day or month), checked when the key
 * starts a run, after the tenant's quota and in the same transaction, under the key's own lock:
 * both apply, so the stricter wins. A budget of N allows exactly N (refused when used >= N).
 *
 * Usage is read from the key's runs created in the period: a run counts when it is let in, its
 * tokens and cost once it has ended. Runs the retention purge has deleted still count, through
 * the figures it leaves in `key_usage_purged` (a plan may retain less than a month).
 */
export type KeyBudget = { runs: number | null; tokens: number | null; cost: number | null; period: "day" | "month" };

/** The key's budgets, with its lock taken — or null when it has none (no lock). */
export async function lockKeyBudget(ctx: QuotaCtx, apiKeyId: string): Promise<KeyBudget | null> {
  const [key] = await ctx.tx
    .select({ runs: apiKeys.budgetRuns, tokens: apiKeys.budgetTokens, cost: apiKeys.budgetCostMicros, period: apiKeys.budgetPeriod })
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, ctx.tenant.id), eq(apiKeys.id, apiKeyId)))
    .limit(1);
  if (!key || (key.runs == null && key.tokens == null && key.cost == null)) return null;
  await lockQuota(ctx.tx, keyBudgetLockName(ctx.tenant.id, apiKeyId));
  return key;
}

/** Under lockKeyBudget's lock: refused when any budget is spent (used >= budget). */
export async function assertKeyBudget(ctx: QuotaCtx, apiKeyId: string, key: KeyBudget | null, now: Date = new Date()): Promise<void> {
  if (!key) return;
  const period = budgetPeriod(key.period, now);
  const purged = (column: "runs" | "tokens" | "cost_micros") =>
    sql`select sum(${sql.identifier(column)}) from ${keyUsagePurged} where ${keyUsagePurged.tenantId} = ${ctx.tenant.id}
      and ${keyUsagePurged.apiKeyId} = ${apiKeyId} and ${keyUsagePurged.day} >= ${period.start.toISOString()}::timestamptz
      and ${keyUsagePurged.day} < ${period.end.toISOString()}::timestamptz`;
  // One statement (one snapshot): the key's runs in the period plus what the retention purge
  // folded in for runs it deleted in the period, so a purge in between cannot lose or double them.
  const [used] = await ctx.tx
    .select({
      runs: sql<number>`count(*)::int + coalesce((${purged("runs")}), 0)::int`,
      tokens: sql<string>`(coalesce(sum(${runs.inputTokens} + ${runs.outputTokens}), 0) + coalesce((${purged("tokens")}), 0))::text`,
      cost: sql<string>`(coalesce(sum(${runs.costMicros}), 0) + coalesce((${purged("cost_micros")}), 0))::text`,
    })
    .from(runs)
    .where(
      and(eq(runs.tenantId, ctx.tenant.id), eq(runs.apiKeyId, apiKeyId), gte(runs.createdAt, period.start), lt(runs.createdAt, period.end)),
    );
  const figures: [QuotaDetails["metric"], number | null, number, string][] = [
    ["runs", key.runs, used?.runs ?? 0, "runs"],
    ["tokens", key.tokens, Number(used?.tokens ?? 0), "tokens"],
    ["cost", key.cost, Number(used?.cost ?? 0), "micro-dollars of cost"],
  ];
  for (const [metric, limit, spent, what] of figures) {
    if (limit == null || spent < limit) continue;
    const per = key.period === "day" ? "today" : "this month";
    throw new QuotaExceededError(
      `This API key has reached its budget of ${limit} ${what} ${per} (${spent} used). It resets at ${period.end.toISOString()}; an admin can raise the key's budget.`,
      { metric, scope: "api_key", limit, used: spent, resetsAt: period.end.toISOString(), upgradeUrl: apiKeysUrl(ctx) },
      "api_key_budget_exceeded",
    );
  }
}
