import { sql } from "drizzle-orm";
import { plans, tenants, type PlanLimits } from "@/db/schema";

/**
 * A tenant's limits: its plan's, with a platform admin's overrides on top (`jsonb ||`: a key in the
 * overrides wins, `null` there meaning unlimited). Selected wherever a request loads its access,
 * so quotas, rate limits and retention all read the same figures. Needs `plans` joined on the tenant.
 */
export const effectiveLimits = sql<PlanLimits>`(${plans.limits} || ${tenants.limitOverrides})`.mapWith((v: unknown) =>
  typeof v === "string" ? (JSON.parse(v) as PlanLimits) : (v as PlanLimits),
);
