import { z } from "zod";
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
});
