import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { tenants, type LimitOverrides } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { ValidationKey } from "../i18n/server-messages";
import type { PlatformContext } from "../request-context";
import { actOnTenant, reasonText, tenantIdInput } from "./operator";

/** Far above any real plan, far below where a JS number stops being exact (2^53). */
export const MAX_LIMIT = 1e12;

const count = (min: number) =>
  z
    .number()
    .int("wholeNumber" satisfies ValidationKey)
    .min(min)
    .max(MAX_LIMIT, "limitTooBig" satisfies ValidationKey);

/**
 * An operator's exceptions to a tenant's plan. A key absent = the plan's value; `null` = unlimited
 * (only where the plan itself may be unlimited: a rate limit or a retention period always has a
 * number). Strict: an unknown key is a 400, not silently stored.
 */
export const limitOverridesSchema = z.strictObject({
  runsPerMonth: count(0).nullable().optional(),
  tokensPerMonth: count(0).nullable().optional(),
  agents: count(0).nullable().optional(),
  seats: count(1).nullable().optional(),
  retentionDays: count(1).optional(),
  apiKeyRequestsPerMinute: count(1).optional(),
  tenantRequestsPerMinute: count(1).optional(),
});

export const OVERRIDE_FIELDS = Object.keys(limitOverridesSchema.shape) as (keyof LimitOverrides)[];

export const setLimitOverridesInput = tenantIdInput.extend({ reason: reasonText, overrides: limitOverridesSchema });

/** Only the keys that were given (undefined = the plan's value is not an override). */
function clean(overrides: z.infer<typeof limitOverridesSchema>): LimitOverrides {
  return Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as LimitOverrides;
}

/**
 * Replaces the tenant's overrides as a whole (the editor shows and sends every field). Every
 * access load merges them over the plan (server/tenancy/effective-limits.ts), so quotas and rate
 * limits use them from the next request on. Invalid input is refused by the schema before
 * anything is opened: nothing is written.
 */
export async function setLimitOverrides(
  ctx: PlatformContext,
  input: z.infer<typeof setLimitOverridesInput>,
): Promise<{ overrides: LimitOverrides }> {
  const after = clean(input.overrides);
  return actOnTenant(ctx, { tenantId: input.tenantId, what: "override limits of", reason: input.reason }, async (op) => {
    const before = (op.row.limitOverrides ?? {}) as LimitOverrides;
    const fields = OVERRIDE_FIELDS.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    await op.tx
      .update(tenants)
      .set({ limitOverrides: after, updatedAt: sql`now()` })
      .where(eq(tenants.id, op.tenant.id));
    await recordChange(op, "tenant.limits_overridden", {
      targetId: op.tenant.id,
      facts: { before: before as Record<string, number | null>, after: after as Record<string, number | null>, fields },
      personal: { reason: input.reason },
    });
    return { overrides: after };
  });
}
