import { usageReport, usageReportDto, usageReportInput } from "../../usage/usage-report";
import { createTRPCRouter, tenantProcedure } from "../init";

/** Usage for developers: what the organisation's runs used, by day, agent or model. */
export const usageRouter = createTRPCRouter({
  read: tenantProcedure
    .meta({
      permission: "usage:read",
      openapi: {
        method: "GET",
        path: "/usage",
        tags: ["usage"],
        summary: "Usage over whole UTC days, by day, agent or model",
        protect: true,
      },
    })
    .input(usageReportInput)
    .output(usageReportDto)
    .query(({ ctx, input }) => usageReport(ctx.tenantCtx, input)),
});
