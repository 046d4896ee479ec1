import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, invitations, tenants } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ValidationError } from "../errors";
import type { TenantContext } from "../request-context";

export const deleteTenantInput = z.object({
  confirmSlug: z.string().max(60).describe("Type the organisation's slug to confirm"),
});

/**
 * Deletes the organisation for its members: it disappears from every list and URL at once, its
 * keys and pending invitations stop working, and its slug is free again. The rows themselves
 * (the append-only audit log above all) stay until the retention job purges them.
 */
export async function deleteTenant(ctx: TenantContext, input: z.infer<typeof deleteTenantInput>): Promise<{ deleted: true }> {
  if (input.confirmSlug !== ctx.tenant.slug) {
    throw new ValidationError(
      `Type "${ctx.tenant.slug}" to confirm.`,
      { confirmSlug: "Does not match the organisation's slug" },
      "confirmation_mismatch",
    );
  }
  const now = new Date();
  await ctx.tx
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.tenantId, ctx.tenant.id), isNull(apiKeys.revokedAt)));
  await ctx.tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.tenantId, ctx.tenant.id), isNull(invitations.revokedAt), isNull(invitations.acceptedAt)));
  await ctx.tx.update(tenants).set({ status: "deleted", deletedAt: now, updatedAt: now }).where(eq(tenants.id, ctx.tenant.id));
  await recordChange(ctx, "tenant.deleted", { targetId: ctx.tenant.id, facts: { slug: ctx.tenant.slug } });
  return { deleted: true };
}
