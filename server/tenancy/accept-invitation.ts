import { eq } from "drizzle-orm";
import { invitations, memberships } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError, ForbiddenError, ValidationError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import type { DomainContext, SignedInContext } from "../request-context";
import { invitationStatus } from "./dto";
import { findInvitationTenant, loadInvitation } from "./find-invitation";

export type InvitationPreview = {
  tenantName: string;
  tenantSlug: string;
  email: string;
  role: string;
  inviter: string | null;
  expiresAt: string;
  status: "pending" | "expired" | "accepted" | "revoked";
};

/** What the invitation page shows before the invitee accepts. */
export async function previewInvitation(ctx: DomainContext, { token }: { token: string }): Promise<InvitationPreview> {
  const { tenantId, tokenHash } = await findInvitationTenant(ctx.scopes, token);
  return ctx.scopes.withTenant(tenantId, async (tx) => {
    const { invitation, tenant, inviterEmail, inviterName } = await loadInvitation(tx, tenantId, tokenHash);
    return {
      tenantName: tenant.name,
      tenantSlug: tenant.slug,
      email: invitation.email,
      role: invitation.role,
      inviter: inviterName ?? inviterEmail,
      expiresAt: invitation.expiresAt.toISOString(),
      status: invitationStatus(invitation),
    };
  });
}

/**
 * Joins the organisation. The invitation is bound to its e-mail address, works once, and not
 * after it expires or is revoked; each case gets its own clear answer and changes nothing.
 */
export async function acceptInvitation(ctx: SignedInContext, { token }: { token: string }): Promise<{ tenantSlug: string; role: string }> {
  const { user, meta } = ctx;
  const { tenantId, tokenHash } = await findInvitationTenant(ctx.scopes, token);
  // An invitation is bound to an address; holding the link is not proof of owning it.
  if (!user.emailVerified) {
    throw new ForbiddenError("Confirm your e-mail address first: open the link we sent you, then accept.", "email_unverified");
  }
  try {
    return await ctx.scopes.withTenant(tenantId, async (tx) => {
      const { invitation, tenant } = await loadInvitation(tx, tenantId, tokenHash, true);
      const status = invitationStatus(invitation);
      if (status === "accepted") throw new ConflictError("This invitation has already been accepted.", "invitation_already_accepted");
      if (status === "revoked") throw new ConflictError("This invitation was revoked. Ask for a new one.", "invitation_revoked");
      if (status === "expired")
        throw new ValidationError("This invitation has expired. Ask for a new one.", undefined, "invitation_expired");
      if (invitation.email !== user.email) {
        throw new ForbiddenError(
          `This invitation is for ${invitation.email}; you are signed in as ${user.email}.`,
          "invitation_email_mismatch",
        );
      }
      await tx.insert(memberships).values({ tenantId, userId: user.id, role: invitation.role });
      await tx.update(invitations).set({ acceptedAt: new Date(), acceptedBy: user.id }).where(eq(invitations.id, invitation.id));
      const principal = { type: "user", userId: user.id, email: user.email, name: "", role: invitation.role } as const;
      await recordChange({ tx, tenant, principal, meta }, "invitation.accepted", {
        targetId: invitation.id,
        facts: { role: invitation.role, userId: user.id },
        personal: { email: user.email },
      });
      return { tenantSlug: tenant.slug, role: invitation.role };
    });
  } catch (error) {
    if (isUniqueViolation(error, "memberships_tenant_user_key")) {
      throw new ConflictError("You are already a member of this organisation.", "already_member");
    }
    throw error;
  }
}
