import { and, desc, eq, isNull } from "drizzle-orm";
import { invitations, users } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { toInvitationDto, type InvitationDto } from "./dto";

/** Invitations not yet accepted or revoked (pending and expired), newest first. */
export async function listInvitations(ctx: TenantContext): Promise<InvitationDto[]> {
  const rows = await ctx.tx
    .select({ invitation: invitations, inviter: users.email })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.tenantId, ctx.tenant.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(desc(invitations.createdAt))
    .limit(200);
  return rows.map((r) => toInvitationDto(r.invitation, r.inviter));
}
