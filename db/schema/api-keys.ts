import { sql } from "drizzle-orm";
import { bigint, check, foreignKey, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { memberships, tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

export const API_KEY_BUDGET_PERIODS = ["day", "month"] as const;
export type ApiKeyBudgetPeriod = (typeof API_KEY_BUDGET_PERIODS)[number];

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    name: text().notNull(),
    /** The first characters of the secret, shown so people can tell keys apart. */
    prefix: text().notNull(),
    /** SHA-256 (hex) of the whole secret; the secret itself is shown once and never stored. */
    secretHash: text().notNull(),
    scopes: text().array().notNull(),
    /** The member who created it; a key never acts beyond this member's current role. */
    createdBy: uuid(),
    expiresAt: timestamptz(),
    lastUsedAt: timestamptz(),
    revokedAt: timestamptz(),
    revokedBy: uuid(),
    /** Suspended (by an incident-response playbook): refused until reinstated, unlike revoked, reversibly. */
    suspendedAt: timestamptz(),
    suspendedReason: text(),
    /**
     * Optional budgets for this key per period, applied together with the tenant's quota (the
     * stricter wins; a budget of N allows exactly N). Null = no budget of that kind.
     */
    budgetRuns: integer(),
    budgetTokens: bigint({ mode: "number" }),
    budgetCostMicros: bigint({ mode: "number" }),
    budgetPeriod: text({ enum: API_KEY_BUDGET_PERIODS }).notNull().default("month"),
    createdAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    unique("api_keys_tenant_secret_key").on(t.tenantId, t.secretHash),
    unique("api_keys_tenant_id_key").on(t.tenantId, t.id),
    index("api_keys_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("api_keys_secret_hash_idx").on(t.secretHash),
    check("api_keys_budget_period_check", sql`${t.budgetPeriod} in ('day', 'month')`),
    check(
      "api_keys_budgets_check",
      sql`coalesce(${t.budgetRuns}, 0) >= 0 and coalesce(${t.budgetTokens}, 0) >= 0 and coalesce(${t.budgetCostMicros}, 0) >= 0`,
    ),
    // Composite, like every reference between tenant-owned rows; ON DELETE nulls only the member
    // column (rewritten by hand in 0002).
    foreignKey({
      name: "api_keys_creator_fk",
      columns: [t.tenantId, t.createdBy],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }),
    foreignKey({
      name: "api_keys_revoker_fk",
      columns: [t.tenantId, t.revokedBy],
      foreignColumns: [memberships.tenantId, memberships.userId],
    }),
    ...tenantIsolationPolicies("api_keys"),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
