import { and, asc, count, eq, gte, isNull, lte, notLike, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import { events } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { boundedDate } from "../bounded-date";
import { ValidationError } from "../errors";
import type { TenantContext } from "../request-context";
import { assertRange, eventTypeFilter, typeCondition } from "./list-events";
import { appendReplayCopies, newReplayCorrelation } from "./replay-copy";

/** One replay copies at most this many events: beyond, the admin narrows the range (one transaction must stay short). */
export const MAX_REPLAY = 10_000;

export const replayInput = z.object({
  from: boundedDate.describe("Replay events at or after this instant"),
  to: boundedDate.describe("Replay events at or before this instant"),
  types: z.array(eventTypeFilter).max(20).default([]).describe("Event types or family prefixes; empty replays every type"),
});
export type ReplayInput = z.input<typeof replayInput>;
type Parsed = z.output<typeof replayInput>;

/**
 * What a replay selects: originals in the range and types. Copies made by earlier replays are
 * left out (replaying twice must not snowball), and so are the replay bookkeeping events
 * themselves (`event.replayed`, `dead_letter.*`): announcing an old replay again would be false.
 */
function replayable(ctx: TenantContext, input: Parsed): SQL | undefined {
  return and(
    eq(events.tenantId, ctx.tenant.id),
    gte(events.occurredAt, input.from),
    lte(events.occurredAt, input.to),
    isNull(events.replayOf),
    notLike(events.type, "event.%"),
    notLike(events.type, "dead\\_letter.%"),
    input.types.length ? or(...input.types.map(typeCondition)) : undefined,
  );
}

export type ReplayPreview = { count: number; max: number; tooMany: boolean; byType: { type: string; count: number }[] };

/** How many events a replay would copy (counted up to one past the bound), by type: what the admin confirms. */
export async function previewReplay(ctx: TenantContext, raw: ReplayInput): Promise<ReplayPreview> {
  const input = replayInput.parse(raw);
  assertRange(input.from, input.to);
  const capped = ctx.tx
    .select({ type: events.type })
    .from(events)
    .where(replayable(ctx, input))
    .limit(MAX_REPLAY + 1)
    .as("capped");
  const byType = await ctx.tx.select({ type: capped.type, count: count() }).from(capped).groupBy(capped.type).orderBy(asc(capped.type));
  const total = byType.reduce((sum, row) => sum + row.count, 0);
  return { count: total, max: MAX_REPLAY, tooMany: total > MAX_REPLAY, byType };
}

/**
 * Replays the tenant's stored events in a time range (and types) by appending copies to the
 * outbox (see `appendReplayCopies`), audited as `event.replayed` in the same transaction. An
 * empty selection and one above `MAX_REPLAY` are refused with a message saying so; nothing is written.
 */
export async function replayEvents(ctx: TenantContext, raw: ReplayInput): Promise<{ count: number; correlationId: string }> {
  const input = replayInput.parse(raw);
  assertRange(input.from, input.to);
  const originals = await ctx.tx
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
    .where(replayable(ctx, input))
    .orderBy(asc(events.id))
    .limit(MAX_REPLAY + 1);
  if (originals.length === 0) {
    throw new ValidationError("No events match this time range and these types: nothing was replayed.", undefined, "replay_empty");
  }
  if (originals.length > MAX_REPLAY) {
    throw new ValidationError(
      `More than ${MAX_REPLAY.toLocaleString("en")} events match; one replay copies at most that many. Narrow the time range or the types.`,
      undefined,
      "replay_too_large",
    );
  }
  const correlationId = newReplayCorrelation();
  // The audit event joins the replay's correlation, so the explorer shows it beside its copies.
  const replayCtx = { ...ctx, meta: { ...ctx.meta, correlationId } };
  await recordChange(replayCtx, "event.replayed", {
    facts: { from: input.from.toISOString(), to: input.to.toISOString(), types: input.types, count: originals.length, correlationId },
  });
  await appendReplayCopies(ctx.tx, ctx.tenant.id, originals, correlationId);
  return { count: originals.length, correlationId };
}
