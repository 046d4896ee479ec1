import { z } from "zod";
import { notificationDto, playbooksDto, responseDto } from "../../playbooks/dto";
import { getPlaybooks } from "../../playbooks/get-playbooks";
import { listResponses, listResponsesInput } from "../../playbooks/list-responses";
import { listMyNotifications, markNotificationsRead } from "../../playbooks/notifications";
import { playbookSettingsSchema, type PlaybookSettings } from "../../playbooks/rules";
import { undoResponse } from "../../playbooks/undo-response";
import { updatePlaybooks } from "../../playbooks/update-playbooks";
import { createTRPCRouter, tenantProcedure } from "../init";

const tags = ["playbooks"];

export const playbooksRouter = createTRPCRouter({
  get: tenantProcedure
    .meta({
      permission: "playbook:read",
      openapi: { method: "GET", path: "/playbooks", tags, summary: "Get the incident-response playbooks", protect: true },
    })
    .output(playbooksDto)
    .query(({ ctx }) => getPlaybooks(ctx.tenantCtx)),

  update: tenantProcedure
    .meta({
      permission: "playbook:manage",
      openapi: { method: "PUT", path: "/playbooks", tags, summary: "Replace the incident-response playbooks", protect: true },
    })
    .input(playbookSettingsSchema)
    .output(playbooksDto)
    .mutation(({ ctx, input }) => updatePlaybooks(ctx.tenantCtx, input as PlaybookSettings)),

  responses: tenantProcedure
    .meta({
      permission: "playbook:read",
      openapi: { method: "GET", path: "/playbooks/responses", tags, summary: "List automatic responses", protect: true },
    })
    .input(listResponsesInput)
    .output(z.object({ items: z.array(responseDto.extend({ targetName: z.string().nullable() })), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listResponses(ctx.tenantCtx, input)),

  undo: tenantProcedure
    .meta({
      permission: "playbook:manage",
      openapi: { method: "POST", path: "/playbooks/responses/{id}/undo", tags, summary: "Undo an automatic response", protect: true },
    })
    .input(z.object({ id: z.uuid() }))
    .output(responseDto)
    .mutation(({ ctx, input }) => undoResponse(ctx.tenantCtx, input)),

  // The bell (portal only): every member sees their own, of the kinds their role may read
  // (incident kinds: incident:read; quota and billing: billing:read) — the verb filters by kind.
  notifications: tenantProcedure
    .meta({ permission: "tenant:read", sessionOnly: true })
    .output(z.object({ unread: z.number().int(), items: z.array(notificationDto.extend({ incidentTitle: z.string().nullable() })) }))
    .query(({ ctx }) => listMyNotifications(ctx.tenantCtx)),

  markRead: tenantProcedure
    .meta({ permission: "tenant:read", sessionOnly: true })
    .input(z.object({ id: z.uuid().optional() }))
    .output(z.object({ marked: z.number().int() }))
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.tenantCtx, input)),
});
