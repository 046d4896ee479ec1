import { and, eq, inArray, lt } from "drizzle-orm";
import type { Tx } from "@/db";
import { engineRateState } from "@/db/schema/engine";
import { keyValueOf, type FunctionSpec, type RateSpec } from "./registry";
import type { NewRun } from "./store";

/**
 * `throttle` and `rateLimit`, applied when an event arrives (inside the dispatcher's transaction),
 * with the Generic Cell Rate Algorithm Inngest's queue uses: per function and key value, one run
 * every `period / limit`, and `limit + burst` at once after a quiet spell.
 *
 * - throttle: a run over the limit is given a later start (its `next_at`), never dropped; FIFO,
 *   and priority cannot pull it ahead of its slot.
 * - rateLimit: a run over the limit is not created (the event is still delivered).
 *
 * State: the theoretical arrival time (TAT) of each (function, kind, key) in `engine_rate_state`.
 * A TAT in the past is the same as none, so `pruneRateState` deletes it. Rows are created first and
 * then locked, so two dispatchers never both see "no row".
 */
type Kind = "throttle" | "rate";
type Cell = { fn: string; kind: Kind; key: string; tat: number };

/** GCRA: `start` is the earliest time a new run may start, and `tat` the state after it does. */
export function admit(rate: RateSpec, tat: number, now: number): { start: number; tat: number } {
  const interval = rate.periodMs / rate.limit;
  const tolerance = (rate.limit + rate.burst - 1) * interval;
  const start = Math.max(now, tat - tolerance);
  return { start, tat: Math.max(tat, start) + interval };
}

/**
 * Applies the functions' throttles and rate limits to runs about to be inserted: returns the runs
 * to insert (rate-limited ones left out), each with its start time (`notBefore`) when throttled.
 */
export async function applyRateLimits(tx: Tx, specs: Map<string, FunctionSpec>, runs: NewRun[], now: number): Promise<NewRun[]> {
  const work: { run: NewRun; kind: Kind; rate: RateSpec; fn: string; key: string }[] = [];
  for (const run of runs) {
    const spec = specs.get(run.functionId);
    const event = run.events[0] ?? {};
    if (spec?.rateLimit)
      work.push({ run, kind: "rate", rate: spec.rateLimit, fn: spec.id, key: keyValueOf(spec.rateLimit.keyPath, event) });
    if (spec?.throttle)
      work.push({
        run,
        kind: "throttle",
        rate: spec.throttle,
        fn: spec.id,
        key: keyValueOf(spec.throttle.keyPath, event),
      });
  }
  if (work.length === 0) return runs;

  const cellId = (fn: string, kind: Kind, key: string) => `${fn}\u0000${kind}\u0000${key}`;
  const cells = new Map<string, Cell>();
  for (const w of work) cells.set(cellId(w.fn, w.kind, w.key), { fn: w.fn, kind: w.kind, key: w.key, tat: 0 });
  const rows = [...cells.values()].map((c) => ({ functionId: c.fn, kind: c.kind, key: c.key, tat: new Date(0) }));
  await tx.insert(engineRateState).values(rows).onConflictDoNothing();
  const locked = await tx
    .select()
    .from(engineRateState)
    .where(
      and(
        inArray(engineRateState.functionId, [...new Set(rows.map((r) => r.functionId))]),
        inArray(engineRateState.key, [...new Set(rows.map((r) => r.key))]),
      ),
    )
    .orderBy(engineRateState.functionId, engineRateState.kind, engineRateState.key)
    .for("update");
  for (const row of locked) {
    const cell = cells.get(cellId(row.functionId, row.kind, row.key));
    if (cell) cell.tat = row.tat.getTime();
  }

  const dropped = new Set<NewRun>();
  // Rate limits first: a run that is not created takes no throttle slot.
  for (const w of [...work.filter((x) => x.kind === "rate"), ...work.filter((x) => x.kind === "throttle")]) {
    if (dropped.has(w.run)) continue;
    const cell = cells.get(cellId(w.fn, w.kind, w.key))!;
    const { start, tat } = admit(w.rate, cell.tat, now);
    if (w.kind === "rate" && start > now) {
      dropped.add(w.run);
      continue;
    }
    cell.tat = tat;
    if (w.kind === "throttle" && start > now) w.run.notBefore = start;
  }
  for (const cell of cells.values()) {
    await tx
      .update(engineRateState)
      .set({ tat: new Date(cell.tat) })
      .where(and(eq(engineRateState.functionId, cell.fn), eq(engineRateState.kind, cell.kind), eq(engineRateState.key, cell.key)));
  }
  return runs.filter((r) => !dropped.has(r));
}

/** Deletes rate state whose TAT has passed (equivalent to no state). */
export async function pruneRateState(tx: Tx, now: number): Promise<void> {
  await tx.delete(engineRateState).where(lt(engineRateState.tat, new Date(now)));
}
