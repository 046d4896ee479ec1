import { and, eq, inArray, isNull, notInArray, sql } from "drizzle-orm";
import { monotonicFactory } from "ulid";
import { rowsOf, type Tx } from "@/db";
import { engineBatchItems, engineRuns, engineWaits, type PendingOp } from "@/db/schema/engine";
import { batchKeyOf } from "./batches";
import type { SdkEvent } from "./call-sdk";
import { evaluate, parseExpression } from "./expression";
import { concurrencyOf, type FunctionSpec } from "./registry";
import { DISCOVER } from "./run-state";
import { debounceEvents } from "./debounce";
import { applyRateLimits } from "./rate-limits";
import { insertRuns, type NewRun } from "./store";

/**
 * An event arrives (inside the dispatcher's transaction, so it is applied exactly when the outbox
 * row is marked delivered): it starts the runs it triggers (throttled runs later, rate-limited
 * ones not at all: rate-limits.ts), satisfies the waits it matches and
 * cancels the runs whose `cancelOn` it matches.
 *
 * Waits and cancels also require the same `data.tenantId` on both events when both carry one: an
 * id that happens to collide across tenants must never wake or stop another tenant's run.
 */
const TERMINAL = ["completed", "failed", "cancelled"] as const;

/** Run ids sort in creation order, even within one millisecond. */
const ulid = monotonicFactory();

function sameTenant(a: SdkEvent | undefined, b: SdkEvent): boolean {
  const x = a?.data?.tenantId;
  const y = b.data?.tenantId;
  return x === undefined || y === undefined || x === y;
}

function triggers(spec: FunctionSpec, event: SdkEvent): boolean {
  return spec.triggers.some((t) => "event" in t && t.event === event.name && (!t.expr || evaluate(t.expr, { event })));
}

export function runFor(spec: FunctionSpec, events: SdkEvent[], eventId: string, now: number): NewRun {
  const first = events[0]!;
  const tenantId = typeof first.data?.tenantId === "string" ? first.data.tenantId : null;
  return {
    id: ulid(now),
    functionId: spec.id,
    eventId,
    events: events as Record<string, unknown>[],
    tenantId: tenantId && /^[0-9a-f-]{36}$/i.test(tenantId) ? tenantId : null,
    concurrency: concurrencyOf(spec, first as Record<string, unknown>),
    pending: [{ kind: "step", id: DISCOVER }],
    now,
    prioritySeconds: spec.priority?.(first as Record<string, unknown>) ?? 0,
  };
}

export async function acceptEvents(tx: Tx, specs: Iterable<FunctionSpec>, events: SdkEvent[], now: number): Promise<{ runs: number }> {
  const all = [...specs];
  const runs: NewRun[] = [];
  const batchRows: (typeof engineBatchItems.$inferInsert)[] = [];
  const debounced: { spec: FunctionSpec; event: SdkEvent }[] = [];
  for (const event of events) {
    for (const spec of all) {
      if (!triggers(spec, event)) continue;
      if (spec.batch)
        batchRows.push({
          functionId: spec.id,
          batchKey: batchKeyOf(spec, event),
          eventId: event.id!,
          event: event as Record<string, unknown>,
          addedAt: new Date(now),
        });
      else if (spec.debounce) debounced.push({ spec, event });
      else runs.push(runFor(spec, [event], event.id!, now));
    }
  }
  const admitted = await applyRateLimits(tx, new Map(all.map((s) => [s.id, s])), runs, now);
  const created = await insertRuns(tx, admitted);
  if (debounced.length) await debounceEvents(tx, debounced, now, runFor);
  if (batchRows.length) await tx.insert(engineBatchItems).values(batchRows).onConflictDoNothing();
  // One look for the whole batch: most events satisfy no wait.
  const names = [...new Set(events.map((e) => e.name))];
  const waited = new Set(
    (await tx.selectDistinct({ name: engineWaits.eventName }).from(engineWaits).where(inArray(engineWaits.eventName, names))).map(
      (w) => w.name,
    ),
  );
  for (const event of events) {
    if (waited.has(event.name)) await resolveWaits(tx, event, now);
    await cancelRuns(tx, all, event, now);
  }
  return { runs: created.length };
}

async function resolveWaits(tx: Tx, event: SdkEvent, now: number) {
  // Lock the runs first, then their waits: the same order saveRun takes them in (no deadlock).
  const candidates = rowsOf<{ run_id: string; step_id: string; events: SdkEvent[]; pending: PendingOp[] }>(
    await tx.execute(sql`select w.run_id, w.step_id, r.events, r.pending from engine_waits w join engine_runs r on r.id = w.run_id
      where w.event_name = ${event.name} and w.resolved_event is null order by r.id for update of r`),
  );
  for (const c of candidates) {
    const wait = c.pending.find((p) => p.id === c.step_id && p.kind === "wait") as Extract<PendingOp, { kind: "wait" }> | undefined;
    if (!wait || !sameTenant(c.events[0], event)) continue;
    if (wait.expr && !evaluate(parseExpression(wait.expr), { event: c.events[0], async: event })) continue;
    const hit = await tx
      .update(engineWaits)
      .set({ resolvedEvent: event as Record<string, unknown> })
      .where(and(eq(engineWaits.runId, c.run_id), eq(engineWaits.stepId, c.step_id), isNull(engineWaits.resolvedEvent)))
      .returning({ runId: engineWaits.runId });
    if (hit.length) {
      await tx
        .update(engineRuns)
        .set({ nextAt: new Date(now), status: "queued" })
        .where(and(eq(engineRuns.id, c.run_id), isNull(engineRuns.leaseOwner)));
    }
  }
}

async function cancelRuns(tx: Tx, specs: FunctionSpec[], event: SdkEvent, now: number) {
  for (const spec of specs) {
    const rules = spec.cancel.filter((c) => c.event === event.name);
    if (!rules.length) continue;
    const live = await tx
      .select({ id: engineRuns.id, events: engineRuns.events })
      .from(engineRuns)
      .where(and(eq(engineRuns.functionId, spec.id), notInArray(engineRuns.status, [...TERMINAL])))
      .for("update");
    const doomed = live
      .filter((r) => sameTenant(r.events[0] as SdkEvent, event))
      .filter((r) => rules.some((rule) => !rule.expr || evaluate(rule.expr, { event: r.events[0], async: event })))
      .map((r) => r.id);
    if (!doomed.length) continue;
    // Clearing the lease is what tells an executor mid-call that its save must not land (store.saveRun).
    await tx
      .update(engineRuns)
      .set({
        status: "cancelled",
        nextAt: null,
        pending: [],
        leaseOwner: null,
        leaseUntil: null,
        endedAt: new Date(now),
        updatedAt: new Date(now),
      })
      .where(inArray(engineRuns.id, doomed));
    await tx.delete(engineWaits).where(inArray(engineWaits.runId, doomed));
  }
}
