/**
 * The outbox writer as it was before the batch path (one multi-row VALUES insert through
 * drizzle, a bind parameter per cell, then a separate NOTIFY), kept only so `bench:events` can
 * show both on the same machine in the same run. Same validation (catalogue parse), same ids.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { events } from "@/db/schema";
import type { EventDraft } from "@/server/events/append-event";
import { parseEventPayload } from "@/server/events/catalogue";
import { newEventId } from "@/server/events/event-id";

export async function appendEventsWithValues(tx: Tx, drafts: readonly EventDraft[]): Promise<string[]> {
  const rows = drafts.map((draft) => {
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
      correlationId: draft.meta?.correlationId ?? draft.meta?.requestId ?? id,
      causationId: draft.meta?.causationId ?? null,
      traceId: draft.meta?.traceId ?? null,
    };
  });
  await tx.insert(events).values(rows);
  await tx.execute(sql`select pg_notify('agentry_events', '')`);
  return rows.map((r) => r.id);
}
