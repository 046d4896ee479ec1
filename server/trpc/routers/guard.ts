import { policyOverrideSchema } from "../../guard/policy";
import type { PolicyOverride } from "../../guard/types";
import { policyViewDto, verdictDto } from "../../guard-policy/dto";
import { getPolicyView } from "../../guard-policy/get-policy-view";
import { scanText, scanTextInput } from "../../guard-policy/scan-text";
import { updateTenantPolicy } from "../../guard-policy/update-tenant-policy";
import { createTRPCRouter, tenantProcedure } from "../init";

export const guardRouter = createTRPCRouter({
  scan: tenantProcedure
    .meta({
      permission: "guard:scan",
      openapi: {
        method: "POST",
        path: "/guard/scan",
        tags: ["guard"],
        summary: "Scan a text with the guard (stateless: opens no incident)",
        protect: true,
      },
    })
    .input(scanTextInput)
    .output(verdictDto)
    .mutation(({ ctx, input }) => scanText(ctx.tenantCtx, input)),

  policy: tenantProcedure
    .meta({
      permission: "guard:read",
      openapi: { method: "GET", path: "/guard/policy", tags: ["guard"], summary: "Get the organisation's guard policy", protect: true },
    })
    .output(policyViewDto)
    .query(({ ctx }) => getPolicyView(ctx.tenantCtx)),

  updatePolicy: tenantProcedure
    .meta({
      permission: "guard:manage",
      openapi: {
        method: "PUT",
        path: "/guard/policy",
        tags: ["guard"],
        summary: "Replace the organisation's guard policy overrides",
        protect: true,
      },
    })
    .input(policyOverrideSchema)
    .output(policyViewDto)
    .mutation(({ ctx, input }) => updateTenantPolicy(ctx.tenantCtx, input as PolicyOverride)),
});
