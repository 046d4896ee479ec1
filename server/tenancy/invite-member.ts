import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { invitations, memberships, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { sendEmail } from "../email/send-email";
import { ConflictError, ForbiddenError } from "../errors";
import type { TenantContext } from "../request-context";
import { absoluteUrl } from "../http/app-url";
import { emailSchema } from "../auth/email";
import { roleSchema, toInvitationDto, type InvitationDto } from "./dto";
import { generateInvitationToken, INVITATION_TTL_DAYS } from "./invitation-token";
import { canAssignRole } from "./permissions";

export const inviteMemberInput = z.object({
  email: emailSchema,
  role: roleSchema.default("developer"),
});

export type InviteResult = { invitation: InvitationDto; link: string; emailed: boolean };

/**
 * Invites someone by link. The link is returned (and e-mailed when SMTP is configured), since
 * without e-mail the inviter passes it on. Inviting an address again replaces the pending
 * invitation, so only the newest link works.
 */
export async function inviteMember(ctx: TenantContext, input: z.infer<typeof inviteMemberInput>, baseUrl: string): Promise<InviteResult> {
  if (!canAssignRole(ctx.principal.role, input.role)) {
    throw new ForbiddenError(`As ${ctx.principal.role} you cannot invite an ${input.role}.`, "role_too_high");
  }
  const [existing] = await ctx.tx
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, ctx.tenant.id), eq(users.email, input.email)))
    .limit(1);
  if (existing) throw new ConflictError(`${input.email} is already a member.`, "already_member", { field: "email" });

  const now = new Date();
  await ctx.tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.tenantId, ctx.tenant.id),
        eq(invitations.email, input.email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    );
  const { token, tokenHash } = generateInvitationToken();
  const inviter = ctx.principal.type === "user" ? ctx.principal.userId : ctx.principal.createdBy;
  const [row] = await ctx.tx
    .insert(invitations)
    .values({
      tenantId: ctx.tenant.id,
      email: input.email,
      role: input.role,
      tokenHash,
      invitedBy: inviter,
      expiresAt: sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})`,
    })
    .returning();
  await recordAudit(ctx, {
    action: "member.invited",
    target: { type: "invitation", id: row!.id },
    diff: { email: input.email, role: input.role },
  });
  const link = absoluteUrl(baseUrl, `/invite/${token}`);
  const { delivered } = await sendEmail({
    to: input.email,
    subject: `You are invited to ${ctx.tenant.name} on Agentry`,
    text: `You have been invited to join ${ctx.tenant.name} on Agentry as ${input.role}.\n\nAccept: ${link}\n\nThe link expires in ${INVITATION_TTL_DAYS} days.`,
    kind: "invitation",
  });
  const inviterEmail = ctx.principal.type === "user" ? ctx.principal.email : null;
  return { invitation: toInvitationDto(row!, inviterEmail), link, emailed: delivered };
}
