import { z } from "zod";
import { ACTION_LIMITS, throttleAction } from "../../auth/action-throttle";
import { RateLimitedError } from "../../errors";
import { acceptInvitation, previewInvitation } from "../../tenancy/accept-invitation";
import { invitationDto } from "../../tenancy/dto";
import { inviteMember, inviteMemberInput } from "../../tenancy/invite-member";
import { listInvitations } from "../../tenancy/list-invitations";
import { revokeInvitation, revokeInvitationInput } from "../../tenancy/revoke-invitation";
import { authedProcedure, createTRPCRouter, publicProcedure, tenantProcedure } from "../init";

const token = z.string().min(1).max(200);

export const invitationsRouter = createTRPCRouter({
  list: tenantProcedure
    .meta({
      permission: "member:read",
      openapi: { method: "GET", path: "/invitations", tags: ["members"], summary: "List pending invitations", protect: true },
    })
    .input(z.void())
    .output(z.object({ items: z.array(invitationDto) }))
    .query(async ({ ctx }) => ({ items: await listInvitations(ctx.tenantCtx) })),

  create: tenantProcedure
    .meta({
      permission: "member:invite",
      openapi: { method: "POST", path: "/invitations", tags: ["members"], summary: "Invite someone by link", protect: true },
    })
    .input(inviteMemberInput)
    .output(
      z.object({
        invitation: invitationDto,
        link: z.url(),
        emailed: z.boolean().describe("The link is being e-mailed (sent after the invitation is saved)"),
        replaced: z.array(z.uuid()).describe("Earlier pending invitations of this address, now revoked: their links no longer work"),
      }),
    )
    .mutation(({ ctx, input }) => inviteMember(ctx.tenantCtx, input)),

  revoke: tenantProcedure
    .meta({
      permission: "member:invite",
      openapi: { method: "DELETE", path: "/invitations/{id}", tags: ["members"], summary: "Revoke an invitation", protect: true },
    })
    .input(revokeInvitationInput)
    .output(invitationDto)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.tenantCtx, input)),

  /** The invitation page, before signing in: the one public procedure, so it is limited per client address. */
  preview: publicProcedure.input(z.object({ token })).query(async ({ ctx, input }) => {
    const gate = await throttleAction(ctx.limiter, "previewInvitation", ctx.meta.ip);
    if (!gate.allowed) {
      ctx.resHeaders.set("Retry-After", String(gate.retryAfterSeconds));
      throw new RateLimitedError("ip", ACTION_LIMITS.previewInvitation.perIp, gate.retryAfterSeconds);
    }
    return previewInvitation(ctx.domain, input);
  }),

  accept: authedProcedure.input(z.object({ token })).mutation(({ ctx, input }) => acceptInvitation(ctx.signedIn, input)),
});
