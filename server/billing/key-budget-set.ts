import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { toApiKeyDto, type ApiKeyDto } from "../api-keys/dto";
import { getApiKeyInTenant } from "../api-keys/get-api-key";
import type { TenantContext } from "../request-context";
import { keyBudgetColumns, keyBudgetInput } from "./key-budget-input";

export const setKeyBudgetInput = z.object({ id: z.uuid(), budget: keyBudgetInput });

/**
 * Sets (or, with nulls, removes) an API key's budgets. Takes effect at the key's next run; runs
 * already let in this period still count. Audited as `apikey.budget_set` with the figures.
 */
export async function setKeyBudget(ctx: TenantContext, input: z.infer<typeof setKeyBudgetInput>): Promise<ApiKeyDto> {
  const { email } = await getApiKeyInTenant(ctx, input.id);
  const [row] = await ctx.tx
    .update(apiKeys)
    .set(keyBudgetColumns(input.budget))
    .where(and(eq(apiKeys.tenantId, ctx.tenant.id), eq(apiKeys.id, input.id)))
    .returning();
  await recordChange(ctx, "apikey.budget_set", {
    targetId: input.id,
    facts: { prefix: row!.prefix, ...input.budget },
    personal: { name: row!.name },
  });
  return toApiKeyDto(row!, email);
}
