import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { invitations, memberships, users } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { admitted, assertSeatAllowed } from "../billing/quotas";
import { mailTranslator } from "../email/mail-translator";
import { emailConfigured, sendEmail } from "../email/send-email";
import { ConflictError, ForbiddenError } from "../errors";
import { actingMemberId, type TenantContext } from "../request-context";
import { emailSchema } from "../auth/email";
import { roleSchema, toInvitationDto, type InvitationDto } from "./dto";
import { generateInvitationToken, INVITATION_TTL_DAYS } from "./invitation-token";
import { canAssignRole } from "./permissions";

export const inviteMemberInput = z.object({
  email: emailSchema,
  role: roleSchema.default("developer"),
});

export type InviteResult = {
  invitation: InvitationDto;
  link: string;
  /** Sent to the mail server after commit (SMTP configured); otherwise the inviter passes the link on. */
  emailed: boolean;
  /** Earlier pending invitations of this address that this one revoked (their links stop working). */
  replaced: string[];
};

async function hasOpenInvitation(ctx: TenantContext, email: string): Promise<boolean> {
  const [open] = await ctx.tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.tenantId, ctx.tenant.id),
        eq(invitations.email, email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return Boolean(open);
}

/**
 * Invites someone by link. The link is returned (and e-mailed after commit when SMTP is
 * configured), since without e-mail the inviter passes it on. Inviting an address again revokes
 * its pending invitation — a change of its own in the audit log — so only the newest link works.
 */
export async function inviteMember(ctx: TenantContext, input: z.infer<typeof inviteMemberInput>): Promise<InviteResult> {
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

  // A seat is a member or an open invitation. Inviting an address again replaces its open
  // invitation (below): no new seat, so no check; otherwise the plan's seat quota, under its lock.
  const admission = (await hasOpenInvitation(ctx, input.email)) ? null : await assertSeatAllowed(ctx);

  const { token, tokenHash } = generateInvitationToken();
  const [row] = await ctx.tx
    .insert(invitations)
    .values({
      tenantId: ctx.tenant.id,
      email: input.email,
      role: input.role,
      tokenHash,
      invitedBy: actingMemberId(ctx.principal),
      expiresAt: sql`now() + make_interval(days => ${INVITATION_TTL_DAYS})`,
    })
    .returning();
  const invitation = row!;
  const replaced = await ctx.tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.tenantId, ctx.tenant.id),
        eq(invitations.email, input.email),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        sql`${invitations.id} <> ${invitation.id}`,
      ),
    )
    .returning({ id: invitations.id });
  for (const earlier of replaced) {
    await recordChange(ctx, "invitation.revoked", {
      targetId: earlier.id,
      facts: { reason: "replaced", replacedBy: invitation.id },
      personal: { email: input.email },
    });
  }
  await admitted(ctx, admission);
  await recordChange(ctx, "member.invited", { targetId: invitation.id, facts: { role: input.role }, personal: { email: input.email } });

  const link = `${ctx.appUrl.replace(/\/$/, "")}/invite/${token}`;
  const tenantName = ctx.tenant.name;
  // In the inviter's language: the request's is the only one known before the invitee signs up.
  const t = mailTranslator(ctx.locale);
  const message = {
    to: input.email,
    subject: t("email.invitation.subject", { tenant: tenantName }),
    text: t("email.invitation.body", { tenant: tenantName, role: t(`roles.${input.role}`), link, days: INVITATION_TTL_DAYS }),
    kind: "invitation" as const,
  };
  // Never inside the transaction: a slow mail server would hold the connection and the audit lock.
  ctx.afterCommit(async () => {
    await sendEmail(message);
  }, "invitation e-mail");
  const inviterEmail = ctx.principal.type === "user" ? ctx.principal.email : null;
  return { invitation: toInvitationDto(invitation, inviterEmail), link, emailed: emailConfigured(), replaced: replaced.map((r) => r.id) };
}
