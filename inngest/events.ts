import { eventType } from "inngest";
import { z } from "zod";
import { EVENT_TYPES, eventSpec, type EventPayload, type EventType } from "@/server/events/catalogue";

/**
 * The Inngest side of the catalogue: every outbox event as Inngest sees it. The event's `id` is
 * the outbox row's ULID (Inngest's idempotency key), `v` its version, and `data` the envelope
 * below — the tenant first, so concurrency keys read `event.data.tenantId`, and its plan, so
 * priorities read `event.data.plan` (PLAN_PRIORITY).
 */
export function envelopeSchema<P extends z.ZodType>(payload: P) {
  return z.object({
    tenantId: z.uuid(),
    /** The tenant's plan id at dispatch (server/events/dispatcher.ts): what `priority.run` reads. */
    plan: z.string().nullable().optional(),
    correlationId: z.string(),
    causationId: z.string().nullable(),
    traceId: z.string().nullable(),
    replayOf: z.string().nullable().optional(),
    actor: z.object({ type: z.string(), id: z.string().nullable() }),
    payload,
  });
}

export type EventEnvelope<T extends EventType> = {
  tenantId: string;
  /** The tenant's plan id at dispatch; null or absent when unknown (e.g. an event built by a test). */
  plan?: string | null;
  correlationId: string;
  causationId: string | null;
  traceId: string | null;
  /** Set on a replayed copy: the original event's id. */
  replayOf?: string | null;
  actor: { type: string; id: string | null };
  payload: EventPayload<T>;
};

/** `triggers: [agentryEvent("guard.threat_detected")]` in a function definition. */
export function agentryEvent<T extends EventType>(type: T) {
  return eventType(type, { schema: envelopeSchema(eventSpec(type).schema) as unknown as z.ZodType<EventEnvelope<T>, EventEnvelope<T>> });
}

export const ALL_EVENT_TYPES = EVENT_TYPES;
