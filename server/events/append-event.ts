import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { events, type ActorType } from "@/db/schema";
import type { RequestMeta } from "../request-context";
import { parseEventPayload } from "./catalogue";
import { newEventId } from "./event-id";

/** The Postgres channel a committed event is announced on (NOTIFY is delivered only at commit). */
export const EVENTS_CHANNEL = "agentry_events";

export type EventActor = { type: ActorType; id: string | null };

export type EventDraft = {
  tenantId: string;
  type: string;
  payload: unknown;
  actor: EventActor;
  meta: Pick<RequestMeta, "requestId" | "correlationId" | "causationId" | "traceId"> | null;
};

/** Who and what caused an event: the request's correlation, else the request itself, else a fresh id. */
function lineageOf(meta: EventDraft["meta"], id: string) {
  return {
    correlationId: meta?.correlationId ?? meta?.requestId ?? id,
    causationId: meta?.causationId ?? null,
    traceId: meta?.traceId ?? null,
  };
}

function rowOf(draft: EventDraft) {
  const { version, payload } = parseEventPayload(draft.type, draft.payload);
  const id = newEventId();
  return {
    id,
    tenantId: draft.tenantId,
    type: draft.type,
    version,
    payload,
    actorType: draft.actor.type,
    actorId: draft.actor.id,
    ...lineageOf(draft.meta, id),
  };
}

/**
 * Appends events to the outbox inside the caller's transaction (so they commit or vanish with the
 * change they describe) and wakes the dispatcher once that transaction commits. Payloads are
 * checked against the catalogue first: a malformed event throws and the whole change rolls back.
 */
export async function appendEvents(tx: Tx, drafts: readonly EventDraft[]): Promise<string[]> {
  if (drafts.length === 0) return [];
  const rows = drafts.map(rowOf);
  await tx.insert(events).values(rows);
  await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, '')`);
  return rows.map((r) => r.id);
}
