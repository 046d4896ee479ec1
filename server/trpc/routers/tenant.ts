import { z } from "zod";
import { deleteTenant, deleteTenantInput } from "../../tenancy/delete-tenant";
import { tenantDto } from "../../tenancy/dto";
import { getTenant } from "../../tenancy/get-tenant";
import { tenantOverview, tenantOverviewDto } from "../../tenancy/tenant-overview";
import { updateTenant, updateTenantInput } from "../../tenancy/update-tenant";
import { principalDto, whoami } from "../../tenancy/whoami";
import { createTRPCRouter, tenantProcedure } from "../init";

export const tenantRouter = createTRPCRouter({
  get: tenantProcedure
    .meta({
      permission: "tenant:read",
      openapi: { method: "GET", path: "/tenant", tags: ["tenant"], summary: "The organisation this key or session acts in", protect: true },
    })
    .input(z.void())
    .output(tenantDto)
    .query(({ ctx }) => getTenant(ctx.tenantCtx)),

  whoami: tenantProcedure
    .meta({
      permission: "tenant:read",
      openapi: { method: "GET", path: "/me", tags: ["tenant"], summary: "Who is calling, and what they may do", protect: true },
    })
    .input(z.void())
    .output(principalDto)
    .query(({ ctx }) => whoami(ctx.tenantCtx)),

  overview: tenantProcedure
    .meta({
      permission: "tenant:read",
      openapi: {
        method: "GET",
        path: "/tenant/overview",
        tags: ["tenant"],
        summary: "Counts, plan limits and 14 days of audit activity",
        protect: true,
      },
    })
    .input(z.void())
    .output(tenantOverviewDto)
    .query(({ ctx }) => tenantOverview(ctx.tenantCtx)),

  update: tenantProcedure
    .meta({
      permission: "tenant:update",
      openapi: { method: "PATCH", path: "/tenant", tags: ["tenant"], summary: "Rename the organisation", protect: true },
    })
    .input(updateTenantInput)
    .output(tenantDto)
    .mutation(({ ctx, input }) => updateTenant(ctx.tenantCtx, input)),

  delete: tenantProcedure
    .meta({ permission: "tenant:delete", sessionOnly: true })
    .input(deleteTenantInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => deleteTenant(ctx.tenantCtx, input)),
});
