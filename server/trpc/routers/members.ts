import { z } from "zod";
import { changeMemberRole, changeMemberRoleInput } from "../../tenancy/change-member-role";
import { memberDto, roleSchema } from "../../tenancy/dto";
import { getMemberInTenant, listMembers } from "../../tenancy/list-members";
import { leaveTenant, removeMember } from "../../tenancy/remove-member";
import { pageInput } from "../../pagination";
import { createTRPCRouter, tenantProcedure } from "../init";

const userIdParam = z.object({ userId: z.uuid() });

export const membersRouter = createTRPCRouter({
  list: tenantProcedure
    .meta({
      permission: "member:read",
      openapi: { method: "GET", path: "/members", tags: ["members"], summary: "List members", protect: true },
    })
    .input(z.object(pageInput))
    .output(z.object({ items: z.array(memberDto), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listMembers(ctx.tenantCtx, input)),

  get: tenantProcedure
    .meta({
      permission: "member:read",
      openapi: { method: "GET", path: "/members/{userId}", tags: ["members"], summary: "Get a member", protect: true },
    })
    .input(userIdParam)
    .output(memberDto)
    .query(({ ctx, input }) => getMemberInTenant(ctx.tenantCtx, input.userId)),

  updateRole: tenantProcedure
    .meta({
      permission: "member:update",
      openapi: { method: "PATCH", path: "/members/{userId}", tags: ["members"], summary: "Change a member's role", protect: true },
    })
    .input(changeMemberRoleInput.extend({ role: roleSchema }))
    .output(memberDto)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.tenantCtx, input)),

  remove: tenantProcedure
    .meta({
      permission: "member:remove",
      openapi: { method: "DELETE", path: "/members/{userId}", tags: ["members"], summary: "Remove a member", protect: true },
    })
    .input(userIdParam)
    .output(z.object({ removed: z.literal(true) }))
    .mutation(({ ctx, input }) => removeMember(ctx.tenantCtx, input)),

  /** Any member may leave (unless they are the last owner); people only, not keys. */
  leave: tenantProcedure
    .meta({ permission: "tenant:read", sessionOnly: true })
    .input(z.void())
    .output(z.object({ removed: z.literal(true) }))
    .mutation(({ ctx }) => leaveTenant(ctx.tenantCtx)),
});
