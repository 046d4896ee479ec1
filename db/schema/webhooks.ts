import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenancy";
import { tenantIdColumn, tenantIsolationPolicies } from "./tenant-scope";

const timestamptz = () => timestamp({ withTimezone: true, mode: "date" });

export const WEBHOOK_ENDPOINT_STATUSES = ["active", "disabled"] as const;
export type WebhookEndpointStatus = (typeof WEBHOOK_ENDPOINT_STATUSES)[number];

export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed", "dead"] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One condition on an event's payload (server/webhooks/filters.ts validates and evaluates them; nothing is eval'd). */
export type WebhookFilter = { field: string; op: "eq" | "neq" | "in" | "exists"; value?: unknown };

/**
 * Where a tenant wants its events sent. The signing secret (Standard Webhooks `whsec_…`) is sealed
 * by envelope encryption like a provider key (server/crypto), bound to this tenant and row, and
 * shown once at creation and at each rotation. `failure_streak` counts failed attempts since the
 * last success and `failing_since` is when that streak began: together they decide when the
 * endpoint is switched off (server/webhooks/policy.ts).
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    url: text().notNull(),
    description: text().notNull().default(""),
    /** Catalogue types, `family.*` or `*`. */
    eventTypes: jsonb().$type<string[]>().notNull(),
    filters: jsonb().$type<WebhookFilter[]>().notNull().default([]),
    ciphertext: text().notNull(),
    wrappedKey: text().notNull(),
    kekId: text().notNull(),
    status: text({ enum: WEBHOOK_ENDPOINT_STATUSES }).notNull().default("active"),
    disabledReason: text(),
    disabledAt: timestamptz(),
    failureStreak: integer().notNull().default(0),
    failingSince: timestamptz(),
    lastSuccessAt: timestamptz(),
    createdBy: uuid(),
    createdAt: timestamptz().notNull().defaultNow(),
    updatedAt: timestamptz().notNull().defaultNow(),
    secretRotatedAt: timestamptz(),
  },
  (t) => [
    unique("webhook_endpoints_tenant_id_key").on(t.tenantId, t.id),
    index("webhook_endpoints_tenant_created_idx").on(t.tenantId, t.createdAt),
    check("webhook_endpoints_status_check", sql`${t.status} in ('active', 'disabled')`),
    ...tenantIsolationPolicies("webhook_endpoints"),
  ],
);

export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

/**
 * One event (or test event, or resend) for one endpoint, and what happened to it. The request is
 * kept as sent — headers (the signature, never the secret) and the event JSON body — so a resend
 * sends the very same bytes, and the response as a bounded excerpt. `message_id` is the
 * Standard Webhooks `webhook-id`: the same across retries and resends, so receivers can dedupe.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: tenantIdColumn().references(() => tenants.id),
    endpointId: uuid().notNull(),
    messageId: text().notNull(),
    eventId: text().notNull(),
    eventType: text().notNull(),
    /** `event` (fan-out), `test` (send test event) or `resend` (an admin's resend of `resend_of`). */
    kind: text({ enum: ["event", "test", "resend"] })
      .notNull()
      .default("event"),
    resendOf: uuid(),
    status: text({ enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    requestBody: text().notNull(),
    requestHeaders: jsonb().$type<Record<string, string>>(),
    responseStatus: integer(),
    responseBody: text(),
    latencyMs: integer(),
    error: text(),
    nextAttemptAt: timestamptz(),
    lastAttemptAt: timestamptz(),
    createdAt: timestamptz().notNull().defaultNow(),
    completedAt: timestamptz(),
  },
  (t) => [
    unique("webhook_deliveries_tenant_id_key").on(t.tenantId, t.id),
    index("webhook_deliveries_tenant_endpoint_created_idx").on(t.tenantId, t.endpointId, t.createdAt),
    // The fan-out step may run twice: the second insert of an (endpoint, event) pair is a no-op.
    uniqueIndex("webhook_deliveries_event_once_idx")
      .on(t.tenantId, t.endpointId, t.eventId)
      .where(sql`kind = 'event'`),
    check("webhook_deliveries_status_check", sql`${t.status} in ('pending', 'succeeded', 'failed', 'dead')`),
    check("webhook_deliveries_kind_check", sql`${t.kind} in ('event', 'test', 'resend')`),
    foreignKey({
      name: "webhook_deliveries_endpoint_fk",
      columns: [t.tenantId, t.endpointId],
      foreignColumns: [webhookEndpoints.tenantId, webhookEndpoints.id],
    }).onDelete("cascade"),
    ...tenantIsolationPolicies("webhook_deliveries"),
  ],
);

export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
