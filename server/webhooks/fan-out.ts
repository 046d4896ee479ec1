import { and, eq, inArray } from "drizzle-orm";
import { events, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { subscribes } from "./event-types";
import { matchesFilters } from "./filters";
import { messageBody, messageIdOf, type WebhookMessage } from "./message";

export type FanOutEvent = { id: string; type: string; version: number; correlationId: string | null; payload: unknown };

/** A test or resend of an endpoint is sent to it directly; the audit event of that send is not sent to it a second time. */
function isAboutItsOwnSend(event: FanOutEvent, endpointId: string): boolean {
  if (event.type !== "webhook.test_sent" && event.type !== "webhook.delivery_resent") return false;
  const target = (event.payload as { target?: { id?: string } | null } | null)?.target;
  return target?.id === endpointId;
}

/**
 * One event → one pending delivery per active endpoint that subscribes to its type and whose
 * filters its payload passes. Idempotent: run twice for the same event (a retried step), the
 * unique (endpoint, event) index makes the second insert a no-op and the same deliveries return.
 */
export async function fanOut(ctx: TenantContext, event: FanOutEvent): Promise<{ deliveryId: string; endpointId: string }[]> {
  const endpoints = await ctx.tx
    .select({ id: webhookEndpoints.id, eventTypes: webhookEndpoints.eventTypes, filters: webhookEndpoints.filters })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.tenantId, ctx.tenant.id), eq(webhookEndpoints.status, "active")));
  const matching = endpoints.filter(
    (e) => subscribes(e.eventTypes, event.type) && matchesFilters(event.payload, e.filters) && !isAboutItsOwnSend(event, e.id),
  );
  if (matching.length === 0) return [];

  // The stored event is the authority for when it happened (the outbox row outlives any retry).
  const [stored] = await ctx.tx
    .select({ occurredAt: events.occurredAt, replayOf: events.replayOf })
    .from(events)
    .where(and(eq(events.tenantId, ctx.tenant.id), eq(events.id, event.id)));
  const message: WebhookMessage = {
    id: event.id,
    type: event.type,
    version: event.version,
    timestamp: (stored?.occurredAt ?? new Date()).toISOString(),
    correlationId: event.correlationId,
    ...(stored?.replayOf ? { replayOf: stored.replayOf } : {}),
    data: event.payload,
  };
  const body = messageBody(message);
  await ctx.tx
    .insert(webhookDeliveries)
    .values(
      matching.map((endpoint) => ({
        tenantId: ctx.tenant.id,
        endpointId: endpoint.id,
        // A replayed copy is the same message as its original: receivers that have it can drop it.
        messageId: messageIdOf(stored?.replayOf ?? event.id),
        eventId: event.id,
        eventType: event.type,
        kind: "event" as const,
        requestBody: body,
      })),
    )
    .onConflictDoNothing();
  const rows = await ctx.tx
    .select({ deliveryId: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.tenantId, ctx.tenant.id),
        eq(webhookDeliveries.eventId, event.id),
        eq(webhookDeliveries.kind, "event"),
        inArray(
          webhookDeliveries.endpointId,
          matching.map((e) => e.id),
        ),
      ),
    );
  return rows.sort((a, b) => a.endpointId.localeCompare(b.endpointId));
}
