import { z } from "zod";
import { ACTOR_TYPES, type EventRow } from "@/db/schema";

/**
 * The API's view of one stored event: what happened (type, version, payload), who did it, its
 * lineage (correlation, causation, trace) and whether the engine has it yet (`deliveredAt`).
 * `replayOf` is set on a copy made by a replay or a dead-letter retry: the original's id, which a
 * consumer that must not act twice can dedupe on.
 */
export const eventDto = z
  .object({
    id: z.string().describe("The event's ULID: time-ordered, and its idempotency key downstream"),
    type: z.string(),
    version: z.number().int(),
    payload: z.record(z.string(), z.unknown()),
    actor: z.object({ type: z.enum(ACTOR_TYPES), id: z.string().nullable() }),
    correlationId: z.string().describe("Shared by everything one request or workflow run caused"),
    causationId: z.string().nullable().describe("The event that caused this one"),
    traceId: z.string().nullable(),
    occurredAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().nullable().describe("When the engine accepted it; null while it waits in the outbox"),
    replayOf: z.string().nullable().describe("On a replayed copy: the original event's id"),
  })
  .meta({ id: "Event" });

export type EventDto = z.infer<typeof eventDto>;

export function toEventDto(row: EventRow): EventDto {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    payload: row.payload,
    actor: { type: row.actorType, id: row.actorId },
    correlationId: row.correlationId,
    causationId: row.causationId,
    traceId: row.traceId,
    occurredAt: row.occurredAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    replayOf: row.replayOf,
  };
}

/** An event in a causal chain: `depth` 0 for a root, and the event it hangs under in the tree. */
export const chainEventDto = eventDto
  .extend({ depth: z.number().int().min(0), parentId: z.string().nullable() })
  .meta({ id: "ChainEvent" });
export type ChainEventDto = z.infer<typeof chainEventDto>;
