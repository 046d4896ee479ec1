import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { apiKeys, memberships } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ForbiddenError } from "../errors";
import { actingMemberId, type TenantContext } from "../request-context";
import { getMemberInTenant } from "./list-members";
import { assertAnotherOwnerRemains } from "./owners";
import { canAssignRole } from "./permissions";

export const removeMemberInput = z.object({ userId: z.uuid() });

/**
 * Removes a member (or, when it is the caller, leaves). Access ends on their next request:
 * membership is re-read on every request, and their API keys are revoked here too.
 */
export async function removeMember(ctx: TenantContext, input: z.infer<typeof removeMemberInput>): Promise<{ removed: true }> {
  const member = await getMemberInTenant(ctx, input.userId);
  const self = ctx.principal.type === "user" && ctx.principal.userId === input.userId;
  if (!self && !canAssignRole(ctx.principal.role, member.role)) {
    throw new ForbiddenError(`As ${ctx.principal.role} you cannot remove an ${member.role}.`, "role_too_high");
  }
  if (member.role === "owner") await assertAnotherOwnerRemains(ctx, member.userId);
  const revoked = await ctx.tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.tenantId, ctx.tenant.id), eq(apiKeys.createdBy, input.userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  await ctx.tx.delete(memberships).where(and(eq(memberships.tenantId, ctx.tenant.id), eq(memberships.userId, input.userId)));
  await recordChange(ctx, self ? "member.left" : "member.removed", {
    targetId: input.userId,
    facts: { role: member.role, apiKeysRevoked: revoked.length },
    personal: { email: member.email },
  });
  return { removed: true };
}

/** The caller leaves the organisation (people only; the last owner cannot). */
export function leaveTenant(ctx: TenantContext): Promise<{ removed: true }> {
  const userId = actingMemberId(ctx.principal);
  if (ctx.principal.type !== "user" || !userId) throw new ForbiddenError("Only a member can leave.", "session_only");
  return removeMember(ctx, { userId });
}
