import { and, eq } from "drizzle-orm";
import { ACTOR_TYPES, deadLetters, events, type ActorType, type DeadLetterRow } from "@/db/schema";
import { actorOf, recordChange } from "../audit/record-change";
import { ConflictError, NotFoundError, ValidationError } from "../errors";
import type { TenantContext } from "../request-context";
import { toDeadLetterDto, type DeadLetterDto } from "./dead-letter-list";
import { appendReplayCopies, newReplayCorrelation, type ReplaySource } from "./replay-copy";

/** Fetch-and-lock-or-throw: another tenant's id is the same 404 as a missing one. */
async function lockDeadLetter(ctx: TenantContext, id: string): Promise<DeadLetterRow> {
  const [row] = await ctx.tx
    .select()
    .from(deadLetters)
    .where(and(eq(deadLetters.tenantId, ctx.tenant.id), eq(deadLetters.id, id)))
    .limit(1)
    .for("update");
  if (!row) throw new NotFoundError("Dead letter", "dead_letter_not_found");
  if (row.status !== "open") {
    throw new ConflictError("This dead letter was already retried or discarded.", "dead_letter_closed", { status: row.status });
  }
  return row;
}

/**
 * What to send again: the stored original when the outbox still has it (exact type version and
 * payload), else the envelope the failed function received (the original may have been purged).
 */
async function sourceOf(ctx: TenantContext, row: DeadLetterRow): Promise<ReplaySource> {
  if (!row.eventId) {
    throw new ValidationError("This failure carries no event id, so there is nothing to send again.", undefined, "dead_letter_no_event");
  }
  const [original] = await ctx.tx
    .select({
      id: events.id,
      type: events.type,
      version: events.version,
      payload: events.payload,
      actorType: events.actorType,
      actorId: events.actorId,
      traceId: events.traceId,
    })
    .from(events)
    .where(and(eq(events.tenantId, ctx.tenant.id), eq(events.id, row.eventId)))
    .limit(1);
  if (original) return original;
  const envelope = row.envelope as { payload?: unknown; actor?: { type?: unknown; id?: unknown }; traceId?: unknown };
  const payload = envelope.payload && typeof envelope.payload === "object" ? (envelope.payload as Record<string, unknown>) : {};
  const actorType = ACTOR_TYPES.includes(envelope.actor?.type as ActorType) ? (envelope.actor!.type as ActorType) : "system";
  return {
    id: row.eventId,
    type: row.eventName,
    version: 1,
    payload,
    actorType,
    actorId: typeof envelope.actor?.id === "string" ? envelope.actor.id : null,
    traceId: typeof envelope.traceId === "string" ? envelope.traceId : null,
  };
}

/**
 * Retry: the failed run's event goes back into the outbox as a replay of that one event (a new id,
 * so the engine delivers it again; `replay_of` names the original), and the dead letter is marked
 * retried with who and when. Audited as `dead_letter.retried`. Every function subscribed to the
 * event receives the copy, as with any replay — functions are idempotent on their own effects.
 */
export async function retryDeadLetter(ctx: TenantContext, { id }: { id: string }): Promise<DeadLetterDto> {
  const row = await lockDeadLetter(ctx, id);
  const source = await sourceOf(ctx, row);
  const correlationId = newReplayCorrelation();
  const [replayEventId] = await appendReplayCopies(ctx.tx, ctx.tenant.id, [source], correlationId);
  const [updated] = await ctx.tx
    .update(deadLetters)
    .set({ status: "retried", resolvedBy: actorOf(ctx.principal).id, resolvedAt: new Date(), retryEventId: replayEventId! })
    .where(and(eq(deadLetters.tenantId, ctx.tenant.id), eq(deadLetters.id, row.id)))
    .returning();
  await recordChange({ ...ctx, meta: { ...ctx.meta, correlationId } }, "dead_letter.retried", {
    targetId: row.id,
    facts: { functionId: row.functionId, eventId: row.eventId, eventName: row.eventName, replayEventId: replayEventId! },
  });
  return toDeadLetterDto(updated!);
}

/** Discard: nothing is sent; the dead letter is closed with who and when. Audited as `dead_letter.discarded`. */
export async function discardDeadLetter(ctx: TenantContext, { id }: { id: string }): Promise<DeadLetterDto> {
  const row = await lockDeadLetter(ctx, id);
  const [updated] = await ctx.tx
    .update(deadLetters)
    .set({ status: "discarded", resolvedBy: actorOf(ctx.principal).id, resolvedAt: new Date() })
    .where(and(eq(deadLetters.tenantId, ctx.tenant.id), eq(deadLetters.id, row.id)))
    .returning();
  await recordChange(ctx, "dead_letter.discarded", {
    targetId: row.id,
    facts: { functionId: row.functionId, eventId: row.eventId, eventName: row.eventName },
  });
  return toDeadLetterDto(updated!);
}
