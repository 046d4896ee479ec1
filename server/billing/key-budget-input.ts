import { z } from "zod";
import type { ApiKey } from "@/db/schema";

/**
 * An API key's budgets as callers send and read them. Each is a whole number of at least 0 or
 * null (no budget of that kind); more than a trillion is a typo, not a budget (runs: the column's
 * 32-bit range caps it at a billion). Cost is in micro-dollars (1 USD = 1,000,000).
 */
export const KEY_BUDGET_MAX = 1e12;
const KEY_BUDGET_MAX_RUNS = 1e9;

const amount = (max: number) => z.number().int("wholeNumber").min(0).max(max).nullable();

export const keyBudgetInput = z
  .object({
    runs: amount(KEY_BUDGET_MAX_RUNS).default(null).describe("Runs the key may start per period; null: no budget"),
    tokens: amount(KEY_BUDGET_MAX).default(null).describe("Input + output tokens per period; null: no budget"),
    costMicros: amount(KEY_BUDGET_MAX).default(null).describe("Cost per period in micro-dollars (1 USD = 1,000,000); null: no budget"),
    period: z.enum(["day", "month"]).default("month").describe("`day`: the UTC day; `month`: the UTC calendar month"),
  })
  .meta({ id: "ApiKeyBudget" });

export type KeyBudgetInput = z.infer<typeof keyBudgetInput>;

export const keyBudgetDto = z.object({
  runs: z.number().int().nullable(),
  tokens: z.number().int().nullable(),
  costMicros: z.number().int().nullable(),
  period: z.enum(["day", "month"]),
});

export type KeyBudgetDto = z.infer<typeof keyBudgetDto>;

export function keyBudgetOf(key: Pick<ApiKey, "budgetRuns" | "budgetTokens" | "budgetCostMicros" | "budgetPeriod">): KeyBudgetDto {
  return { runs: key.budgetRuns, tokens: key.budgetTokens, costMicros: key.budgetCostMicros, period: key.budgetPeriod };
}

/** The columns a budget writes. */
export function keyBudgetColumns(budget: KeyBudgetInput) {
  return { budgetRuns: budget.runs, budgetTokens: budget.tokens, budgetCostMicros: budget.costMicros, budgetPeriod: budget.period };
}
