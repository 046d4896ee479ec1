import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { memberships } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ForbiddenError } from "../errors";
import type { TenantContext } from "../request-context";
import { roleSchema, type MemberDto } from "./dto";
import { getMemberInTenant } from "./list-members";
import { assertAnotherOwnerRemains } from "./owners";
import { canAssignRole } from "./permissions";

export const changeMemberRoleInput = z.object({ userId: z.uuid(), role: roleSchema });

/** You can only hand out, and only change members at, roles up to your own. */
export async function changeMemberRole(ctx: TenantContext, input: z.infer<typeof changeMemberRoleInput>): Promise<MemberDto> {
  const member = await getMemberInTenant(ctx, input.userId);
  const actorRole = ctx.principal.role;
  if (!canAssignRole(actorRole, input.role) || !canAssignRole(actorRole, member.role)) {
    throw new ForbiddenError(`As ${actorRole} you cannot change a member from ${member.role} to ${input.role}.`, "role_too_high");
  }
  if (member.role === input.role) return member;
  if (member.role === "owner") await assertAnotherOwnerRemains(ctx, member.userId);
  await ctx.tx
    .update(memberships)
    .set({ role: input.role, updatedAt: new Date() })
    .where(and(eq(memberships.tenantId, ctx.tenant.id), eq(memberships.userId, input.userId)));
  await recordChange(ctx, "member.role_changed", {
    targetId: input.userId,
    facts: { role: { from: member.role, to: input.role } },
    personal: { email: member.email },
  });
  return { ...member, role: input.role };
}
