import { z } from "zod";
import { commentOnIncident, commentOnIncidentInput } from "../../incidents/comment-on-incident";
import { incidentActivityDto, incidentDetailDto, incidentDto } from "../../incidents/dto";
import { getIncident } from "../../incidents/get-incident";
import { listIncidents, listIncidentsInput } from "../../incidents/list-incidents";
import { setIncidentStatus, setIncidentStatusInput } from "../../incidents/set-incident-status";
import { createTRPCRouter, tenantProcedure } from "../init";

export const incidentsRouter = createTRPCRouter({
  list: tenantProcedure
    .meta({
      permission: "incident:read",
      openapi: { method: "GET", path: "/incidents", tags: ["incidents"], summary: "List incidents", protect: true },
    })
    .input(listIncidentsInput)
    .output(z.object({ items: z.array(incidentDto), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listIncidents(ctx.tenantCtx, input)),

  get: tenantProcedure
    .meta({
      permission: "incident:read",
      openapi: { method: "GET", path: "/incidents/{id}", tags: ["incidents"], summary: "Get an incident", protect: true },
    })
    .input(z.object({ id: z.uuid() }))
    .output(incidentDetailDto)
    .query(({ ctx, input }) => getIncident(ctx.tenantCtx, input)),

  setStatus: tenantProcedure
    .meta({
      permission: "incident:update",
      openapi: {
        method: "POST",
        path: "/incidents/{id}/status",
        tags: ["incidents"],
        summary: "Change an incident's status",
        protect: true,
      },
    })
    .input(setIncidentStatusInput)
    .output(incidentDto)
    .mutation(({ ctx, input }) => setIncidentStatus(ctx.tenantCtx, input)),

  comment: tenantProcedure
    .meta({
      permission: "incident:update",
      openapi: { method: "POST", path: "/incidents/{id}/comments", tags: ["incidents"], summary: "Comment on an incident", protect: true },
    })
    .input(commentOnIncidentInput)
    .output(incidentActivityDto)
    .mutation(({ ctx, input }) => commentOnIncident(ctx.tenantCtx, input)),
});
