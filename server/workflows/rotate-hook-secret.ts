import { and, eq } from "drizzle-orm";
import { workflows } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { TenantContext } from "../request-context";
import { newHookSecret, sealHookSecret } from "./hook-secret";
import { loadWorkflow } from "./load-workflow";

/** A new inbound-webhook secret, shown once; the old one stops working at once. */
export async function rotateHookSecret(ctx: TenantContext, input: { id: string }): Promise<{ hookSecret: string }> {
  const { row } = await loadWorkflow(ctx, input.id, { forUpdate: true });
  const hookSecret = newHookSecret();
  await ctx.tx
    .update(workflows)
    .set({ ...sealHookSecret(ctx.tenant.id, row.id, hookSecret), updatedAt: new Date() })
    .where(and(eq(workflows.tenantId, ctx.tenant.id), eq(workflows.id, row.id)));
  await recordChange(ctx, "workflow.hook_secret_rotated", { targetId: row.id, facts: {} });
  return { hookSecret };
}
