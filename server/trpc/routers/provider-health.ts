import { getProviderHealth, providerHealthDto, providerHealthInput } from "../../agents/providers/get-provider-health";
import { createTRPCRouter, tenantProcedure } from "../init";

/** What the agent page shows beside its models: each one's recent error rate, latency and circuit. */
export const providerHealthRouter = createTRPCRouter({
  get: tenantProcedure
    .meta({
      permission: "agent:read",
      openapi: {
        method: "GET",
        path: "/agents/{id}/provider-health",
        tags: ["providers"],
        summary: "Error rate and latency of each model an agent used recently",
        protect: true,
      },
    })
    .input(providerHealthInput)
    .output(providerHealthDto)
    .query(({ ctx, input }) => getProviderHealth(ctx.tenantCtx, input)),
});
