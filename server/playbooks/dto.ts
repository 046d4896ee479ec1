import { z } from "zod";
import { PLAYBOOK_RULES, type Notification, type ResponseAction } from "@/db/schema";

const ruleSettingsDto = z.object({ enabled: z.boolean(), threshold: z.number().int(), windowMinutes: z.number().int() });
const settingsDto = z.object(
  Object.fromEntries(PLAYBOOK_RULES.map((r) => [r, ruleSettingsDto])) as Record<(typeof PLAYBOOK_RULES)[number], typeof ruleSettingsDto>,
);

export const playbooksDto = z
  .object({ rules: settingsDto, defaults: settingsDto, updatedAt: z.iso.datetime().nullable() })
  .meta({ id: "Playbooks" });

export const responseDto = z
  .object({
    id: z.uuid(),
    rule: z.enum(PLAYBOOK_RULES),
    targetType: z.enum(["incident", "agent", "api_key"]),
    targetId: z.uuid(),
    incidentId: z.uuid(),
    triggerEventId: z.string(),
    observed: z.number().int(),
    reversible: z.boolean(),
    createdAt: z.iso.datetime(),
    undoneAt: z.iso.datetime().nullable(),
    undoneBy: z.string().nullable(),
  })
  .meta({ id: "AutoResponse" });

export type ResponseDto = z.infer<typeof responseDto>;

export function toResponseDto(row: ResponseAction): ResponseDto {
  return {
    id: row.id,
    rule: row.rule,
    targetType: row.targetType,
    targetId: row.targetId,
    incidentId: row.incidentId,
    triggerEventId: row.triggerEventId,
    observed: row.observed,
    reversible: row.reversible,
    createdAt: row.createdAt.toISOString(),
    undoneAt: row.undoneAt?.toISOString() ?? null,
    undoneBy: row.undoneByLabel,
  };
}

export const notificationDto = z.object({
  id: z.uuid(),
  kind: z.enum(["incident", "auto_response", "quota", "billing"]),
  incidentId: z.uuid().nullable(),
  responseId: z.uuid().nullable(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});

export type NotificationDto = z.infer<typeof notificationDto>;

export function toNotificationDto(row: Notification): NotificationDto {
  return {
    id: row.id,
    kind: row.kind,
    incidentId: row.incidentId,
    responseId: row.responseId,
    detail: row.detail,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}
