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

/**
 * A platform admin's per-tenant exceptions to its plan's limits (`tenants.limit_overrides`): a key
 * present wins over the plan (null = unlimited), a key absent leaves the plan's value.
 */
export type LimitOverrides = Partial<PlanLimits>;

/** Global: the catalogue of plans (no tenant data). */
export const plans = pgTable("plans", {
  id: text().primaryKey(),
  name: text().notNull(),
  sortOrder: integer().notNull().default(0),
  limits: jsonb().$type<PlanLimits>().notNull(),
  /** The list price per month in the currency's minor unit (0 = free; Enterprise: what its Stripe price says). */
  priceMonthlyCents: integer().notNull().default(0),
  currency: text().notNull().default("usd"),
  /** Written by `npm run stripe:sync` (scripts/stripe-sync.ts): the catalogue's product and monthly price in Stripe. */
  stripeProductId: text(),
  stripePriceId: text(),
  createdAt: timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type Plan = typeof plans.$inferSelect;
