import { and, count, eq, gt, gte, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, auditLog, invitations, memberships, plans, tenants } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { effectiveLimits } from "./effective-limits";

export const ACTIVITY_DAYS = 14;

const limit = (what: string) => z.number().int().nullable().describe(`${what}; null means unlimited`);

export const planLimitsDto = z
  .object({
    apiKeyRequestsPerMinute: z.number().int(),
    tenantRequestsPerMinute: z.number().int(),
    runsPerMonth: limit("Runs per month"),
    tokensPerMonth: limit("Tokens per month"),
    agents: limit("Agents"),
    seats: limit("Members"),
    retentionDays: z.number().int(),
  })
  .meta({ id: "PlanLimits" });

export const tenantOverviewDto = z
  .object({
    members: z.number().int(),
    activeApiKeys: z.number().int().describe("Neither revoked nor expired"),
    pendingInvitations: z.number().int().describe("Neither accepted, revoked nor expired"),
    apiKeyUsed: z.boolean().describe("Some API key of this organisation has called the API"),
    plan: z.object({ id: z.string(), name: z.string(), limits: planLimitsDto }),
    activity: z
      .array(z.object({ date: z.iso.date().describe("A UTC day"), count: z.number().int() }))
      .describe(`Audit entries per UTC day, oldest first, the last ${ACTIVITY_DAYS} days including today`),
  })
  .meta({ id: "TenantOverview" });

export type TenantOverview = z.infer<typeof tenantOverviewDto>;

const DAY_MS = 86_400_000;

/** Midnight UTC of `now`'s day, minus `daysBack` days. */
function utcDayStart(now: Date, daysBack = 0): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - daysBack * DAY_MS);
}

/**
 * What the overview page shows: the organisation's size, its plan, and how busy its audit log
 * has been. Counting happens in SQL; the day series is zero-filled here, since a day with no
 * entries has no group to come back from the database.
 */
export async function tenantOverview(ctx: TenantContext, now = new Date()): Promise<TenantOverview> {
  const tenantId = ctx.tenant.id;
  const first = utcDayStart(now, ACTIVITY_DAYS - 1);
  const end = utcDayStart(now, -1);
  const day = sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD')`;
  // Bound as text: drivers differ in how (or whether) they serialise a bare Date parameter.
  const nowSql = sql`${now.toISOString()}::timestamptz`;

  // One transaction, so sequential: a transaction is one connection either way.
  const [members] = await ctx.tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tenantId));
  const [keys] = await ctx.tx
    .select({
      active:
        sql<number>`count(*) filter (where ${apiKeys.revokedAt} is null and ${apiKeys.suspendedAt} is null and (${apiKeys.expiresAt} is null or ${apiKeys.expiresAt} > ${nowSql}))`.mapWith(
          Number,
        ),
      used: count(apiKeys.lastUsedAt),
    })
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, tenantId));
  const [pending] = await ctx.tx
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
  const [plan] = await ctx.tx
    .select({ id: plans.id, name: plans.name, limits: effectiveLimits })
    .from(tenants)
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .where(eq(tenants.id, tenantId))
    .limit(1);
  // tenants.plan_id references plans: a missing row is a broken installation, not a client's 404.
  if (!plan) throw new Error(`plan ${ctx.tenant.planId} is missing from the plans table`);
  const perDay = await ctx.tx
    .select({ day, n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), gte(auditLog.at, first), lt(auditLog.at, end)))
    .groupBy(day);

  const counts = new Map(perDay.map((r) => [r.day, r.n]));
  const activity = Array.from({ length: ACTIVITY_DAYS }, (_, i) => {
    const date = new Date(first.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    return { date, count: counts.get(date) ?? 0 };
  });
  return {
    members: members?.n ?? 0,
    activeApiKeys: keys?.active ?? 0,
    pendingInvitations: pending?.n ?? 0,
    apiKeyUsed: (keys?.used ?? 0) > 0,
    plan,
    activity,
  };
}
