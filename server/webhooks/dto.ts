import { z } from "zod";
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_ENDPOINT_STATUSES, type WebhookDelivery, type WebhookEndpoint } from "@/db/schema";
import { webhookFilterInput } from "./filters";

const iso = () => z.iso.datetime().nullable();

/** An endpoint as the portal and API see it: never its secret (shown once, in `secret`, at creation and rotation). */
export const webhookEndpointDto = z
  .object({
    id: z.uuid(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()),
    filters: z.array(webhookFilterInput),
    status: z.enum(WEBHOOK_ENDPOINT_STATUSES),
    disabledReason: z.string().nullable().describe("`failures` (switched off after sustained failure) or `admin`"),
    disabledAt: iso(),
    failureStreak: z.number().int().describe("Failed attempts in a row since the last success"),
    failingSince: iso(),
    lastSuccessAt: iso(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    secretRotatedAt: iso(),
  })
  .meta({ id: "WebhookEndpoint" });

export type WebhookEndpointDto = z.infer<typeof webhookEndpointDto>;

export const webhookEndpointWithSecretDto = webhookEndpointDto
  .extend({ secret: z.string().describe("The signing secret (whsec_…): shown this once, never again") })
  .meta({ id: "WebhookEndpointWithSecret" });

export function toEndpointDto(row: WebhookEndpoint): WebhookEndpointDto {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    filters: row.filters as WebhookEndpointDto["filters"],
    status: row.status,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    failureStreak: row.failureStreak,
    failingSince: row.failingSince?.toISOString() ?? null,
    lastSuccessAt: row.lastSuccessAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    secretRotatedAt: row.secretRotatedAt?.toISOString() ?? null,
  };
}

export const webhookDeliveryDto = z
  .object({
    id: z.uuid(),
    endpointId: z.uuid(),
    messageId: z.string().describe("The `webhook-id` header: the same for every retry and resend of one message"),
    eventId: z.string(),
    eventType: z.string(),
    kind: z.enum(["event", "test", "resend"]),
    resendOf: z.uuid().nullable(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    responseStatus: z.number().int().nullable(),
    latencyMs: z.number().int().nullable(),
    error: z.string().nullable(),
    nextAttemptAt: iso(),
    lastAttemptAt: iso(),
    createdAt: z.iso.datetime(),
    completedAt: iso(),
  })
  .meta({ id: "WebhookDelivery" });

export type WebhookDeliveryDto = z.infer<typeof webhookDeliveryDto>;

export const webhookDeliveryDetailDto = webhookDeliveryDto
  .extend({
    requestHeaders: z.record(z.string(), z.string()).nullable().describe("As sent (the signature, never the secret)"),
    requestBody: z.string().describe("The event JSON, as sent"),
    responseBody: z.string().nullable().describe("The first 2 KB of the receiver's answer"),
  })
  .meta({ id: "WebhookDeliveryDetail" });

export type WebhookDeliveryDetailDto = z.infer<typeof webhookDeliveryDetailDto>;

export function toDeliveryDto(row: WebhookDelivery): WebhookDeliveryDto {
  return {
    id: row.id,
    endpointId: row.endpointId,
    messageId: row.messageId,
    eventId: row.eventId,
    eventType: row.eventType,
    kind: row.kind,
    resendOf: row.resendOf,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.responseStatus,
    latencyMs: row.latencyMs,
    error: row.error,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

export function toDeliveryDetailDto(row: WebhookDelivery): WebhookDeliveryDetailDto {
  return { ...toDeliveryDto(row), requestHeaders: row.requestHeaders, requestBody: row.requestBody, responseBody: row.responseBody };
}
