import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * What a plan allows. Billing fills and sells these later; rate limits read them today.
 * `null` means unlimited.
 */
export type PlanLimits = {
  /** Requests per minute for one API key. */
  apiKeyRequestsPerMinute: number;
  /** Requests per minute for a whole tenant, over all keys and sessions. */
  tenantRequestsPerMinute: number;
  runsPerMonth: number | null;
  tokensPerMonth: number | null;
  agents: number | null;
  seats: number | null;
  retentionDays: number;
};

/** Global: the catalogue of plans (no tenant data). */
export const plans = pgTable("plans", {
  id: text().primaryKey(),
  name: text().notNull(),
  sortOrder: integer().notNull().default(0),
  limits: jsonb().$type<PlanLimits>().notNull(),
  createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type Plan = typeof plans.$inferSelect;
