import { and, asc, inArray, isNull, lt, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import type { Scopes } from "@/db/scope";
import { events, tenants, type EventRow } from "@/db/schema";

/**
 * The outbox dispatcher: takes undelivered `events` rows in id (= time) order, hands them on and
 * marks them delivered — in ONE transaction, rows taken `FOR UPDATE SKIP LOCKED` so any number of
 * processes can dispatch side by side without taking the same row.
 *
 * - embedded: `accept` runs the in-process driver's intake (new runs, waits, cancels) inside that
 *   very transaction, so an event is applied exactly once: both commit or neither does.
 * - remote (Inngest Cloud, `inngest start`, the dev server): `send` posts the batch with each
 *   outbox id as the Inngest event id — Inngest's idempotency key — so a send repeated after a
 *   crash between the send and the commit starts nothing twice.
 *
 * A batch that fails is retried row by row; a row that keeps failing counts `dispatch_attempts`
 * and is set aside after MAX_ATTEMPTS (logged, still undelivered, visible to operators) instead of
 * blocking everything behind it.
 */
export type OutboundEvent = { id: string; name: string; data: Record<string, unknown>; ts: number; v: string };

export type Forward = { accept: (tx: Tx, events: OutboundEvent[]) => Promise<void> } | { send: (events: OutboundEvent[]) => Promise<void> };

export const MAX_ATTEMPTS = 20;

/**
 * The Inngest shape of an outbox row: `data` is the envelope of inngest/events.ts. `plan` is the
 * tenant's plan id when the event is dispatched (what functions' `priority.run` reads, so a paying
 * tenant's backlog is started first); null when the tenant is unknown.
 */
export function toInngestEvent(row: EventRow, plan: string | null = null): OutboundEvent {
  return {
    id: row.id,
    name: row.type,
    v: String(row.version),
    ts: row.occurredAt.getTime(),
    data: {
      tenantId: row.tenantId,
      plan,
      correlationId: row.correlationId,
      causationId: row.causationId,
      traceId: row.traceId,
      // A replayed copy names its original, so a consumer that must not act twice can dedupe on it.
      replayOf: row.replayOf,
      actor: { type: row.actorType, id: row.actorId },
      payload: row.payload,
    },
  };
}

async function forwardIn(tx: Tx, forward: Forward, batch: OutboundEvent[]) {
  if ("accept" in forward) await forward.accept(tx, batch);
  else await forward.send(batch);
}

/** The plan of every tenant in the batch: one query per batch, whatever its size. */
async function plansOf(tx: Tx, rows: EventRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.tenantId))];
  if (ids.length === 0) return new Map();
  const found = await tx.select({ id: tenants.id, planId: tenants.planId }).from(tenants).where(inArray(tenants.id, ids));
  return new Map(found.map((t) => [t.id, t.planId]));
}

async function outbound(tx: Tx, rows: EventRow[]): Promise<OutboundEvent[]> {
  const plans = await plansOf(tx, rows);
  return rows.map((row) => toInngestEvent(row, plans.get(row.tenantId) ?? null));
}

async function take(tx: Tx, max: number, onlyId?: string) {
  return tx
    .select()
    .from(events)
    .where(and(isNull(events.deliveredAt), lt(events.dispatchAttempts, MAX_ATTEMPTS), onlyId ? sql`${events.id} = ${onlyId}` : undefined))
    .orderBy(asc(events.id))
    .limit(max)
    .for("update", { skipLocked: true });
}

async function markDelivered(tx: Tx, ids: string[]) {
  await tx
    .update(events)
    .set({ deliveredAt: sql`now()`, dispatchAttempts: sql`${events.dispatchAttempts} + 1` })
    .where(inArray(events.id, ids));
}

/** Dispatches one batch; returns how many rows were delivered (the caller loops while it is `max`). */
export async function dispatchBatch(
  scopes: Pick<Scopes, "withEngine">,
  forward: Forward,
  options: { max?: number; onError?: (id: string, error: unknown) => void } = {},
): Promise<number> {
  const max = options.max ?? 200;
  try {
    return await scopes.withEngine(async (tx) => {
      const rows = await take(tx, max);
      if (rows.length === 0) return 0;
      await forwardIn(tx, forward, await outbound(tx, rows));
      await markDelivered(
        tx,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
  } catch {
    return dispatchOneByOne(scopes, forward, max, options.onError);
  }
}

async function dispatchOneByOne(
  scopes: Pick<Scopes, "withEngine">,
  forward: Forward,
  max: number,
  onError?: (id: string, e: unknown) => void,
) {
  const ids = await scopes.withEngine(async (tx) => (await take(tx, max)).map((r) => r.id));
  let delivered = 0;
  for (const id of ids) {
    try {
      delivered += await scopes.withEngine(async (tx) => {
        const [row] = await take(tx, 1, id);
        if (!row) return 0;
        await forwardIn(tx, forward, await outbound(tx, [row]));
        await markDelivered(tx, [id]);
        return 1;
      });
    } catch (error) {
      onError?.(id, error);
      await scopes.withEngine((tx) =>
        tx
          .update(events)
          .set({ dispatchAttempts: sql`${events.dispatchAttempts} + 1` })
          .where(sql`${events.id} = ${id}`),
      );
    }
  }
  return delivered;
}
