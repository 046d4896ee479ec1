import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { invitations } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError, NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { toInvitationDto, type InvitationDto } from "./dto";

export const revokeInvitationInput = z.object({ id: z.uuid() });

export async function revokeInvitation(ctx: TenantContext, input: z.infer<typeof revokeInvitationInput>): Promise<InvitationDto> {
  const [current] = await ctx.tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.tenantId, ctx.tenant.id), eq(invitations.id, input.id)))
    .limit(1);
  if (!current) throw new NotFoundError("Invitation");
  if (current.acceptedAt) throw new ConflictError("This invitation was already accepted; remove the member instead.", "already_accepted");
  const [row] = await ctx.tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(and(eq(invitations.tenantId, ctx.tenant.id), eq(invitations.id, input.id), isNull(invitations.revokedAt)))
    .returning();
  if (!row) throw new ConflictError("This invitation is already revoked.", "already_revoked");
  await recordChange(ctx, "invitation.revoked", { targetId: row.id, facts: { reason: "revoked" }, personal: { email: row.email } });
  return toInvitationDto(row, null);
}
