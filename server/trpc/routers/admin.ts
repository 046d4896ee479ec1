import { z } from "zod";
import { issueResetLink, issueResetLinkInput } from "../../platform/issue-reset-link";
import { listTenants, listTenantsInput, platformTenantDto } from "../../platform/list-tenants";
import { adminProcedure, createTRPCRouter } from "../init";

/**
 * The platform console: operators only, session only, never over REST (no `meta.openapi`).
 * Every procedure reaches across tenants through `withPlatform`, which audits the access.
 */
export const adminRouter = createTRPCRouter({
  tenants: adminProcedure
    .input(listTenantsInput)
    .output(z.object({ items: z.array(platformTenantDto), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listTenants(ctx.platform, input)),

  /** A one-time password reset link for a user, shown to the operator once (audited). */
  issueResetLink: adminProcedure
    .input(issueResetLinkInput)
    .output(z.object({ link: z.url(), expiresInMinutes: z.number().int() }))
    .mutation(({ ctx, input }) => issueResetLink(ctx.platform, input)),
});
