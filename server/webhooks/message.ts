/**
 * The body every endpoint receives: the event as stored in the outbox — its id (a ULID, also the
 * idempotency key), type, version, when it happened, the correlation id that ties it to what
 * caused it, and its payload under `data` (ids and figures only; see server/events/catalogue.ts).
 */
export type WebhookMessage = {
  id: string;
  type: string;
  version: number;
  timestamp: string;
  correlationId: string | null;
  /** On a replayed copy (the event explorer's replay): the original event's id. */
  replayOf?: string;
  data: unknown;
};

export const messageBody = (message: WebhookMessage) => JSON.stringify(message);

/** The `webhook-id` of an event's message: one per event, shared by its retries and resends. */
export const messageIdOf = (eventId: string) => `msg_${eventId}`;
