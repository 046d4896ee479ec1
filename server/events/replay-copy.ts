import { sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { events, type EventRow } from "@/db/schema";
import { EVENTS_CHANNEL } from "./append-event";
import { newEventId } from "./event-id";

/** What a replay copies from an original: what happened and who did it, not when or in which request. */
export type ReplaySource = Pick<EventRow, "id" | "type" | "version" | "payload" | "actorType" | "actorId" | "traceId">;

/** A replay's own correlation id: every copy of one replay (and its audit event) shares it. */
export function newReplayCorrelation(): string {
  return `replay_${newEventId()}`;
}

const BATCH = 1000;

/**
 * Appends copies of `originals` to the outbox: a new ULID each (so the engine, which dedupes on
 * the id, delivers them again — that is what a replay is), the same type, version and payload,
 * `replay_of` = the original (what a consumer that must not act twice dedupes on), caused by the
 * original, correlated by the replay. Inside the caller's transaction: all or nothing, announced
 * to the dispatcher at commit.
 */
export async function appendReplayCopies(
  tx: Tx,
  tenantId: string,
  originals: readonly ReplaySource[],
  correlationId: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < originals.length; i += BATCH) {
    const rows = originals.slice(i, i + BATCH).map((original) => ({
      id: newEventId(),
      tenantId,
      type: original.type,
      version: original.version,
      payload: original.payload,
      actorType: original.actorType,
      actorId: original.actorId,
      correlationId,
      causationId: original.id,
      traceId: original.traceId,
      replayOf: original.id,
    }));
    await tx.insert(events).values(rows);
    ids.push(...rows.map((r) => r.id));
  }
  if (ids.length > 0) await tx.execute(sql`select pg_notify(${EVENTS_CHANNEL}, '')`);
  return ids;
}
