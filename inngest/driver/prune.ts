import { sql } from "drizzle-orm";
import type { DriverContext } from "./context";
import { pruneRateState } from "./rate-limits";

/** How long a finished run (and its step results) is kept for operators before it is deleted. */
export const FINISHED_RUN_RETENTION_MS = 7 * 24 * 3_600_000;
const EVERY_MS = 10 * 60_000;
const BATCH = 1_000;

const lastPrune = new WeakMap<DriverContext, number>();

/**
 * Deletes finished runs older than the retention, a batch at a time and at most every ten
 * minutes per process: the driver's tables stay the size of the live work. The (function, event)
 * guard goes with them, which is safe because the dispatcher never redelivers a delivered event
 * (a replay makes a copy with a new id).
 */
export async function pruneFinishedRuns(ctx: DriverContext, now: number): Promise<number> {
  if (now - (lastPrune.get(ctx) ?? 0) < EVERY_MS) return 0;
  lastPrune.set(ctx, now);
  const cutoff = new Date(now - FINISHED_RUN_RETENTION_MS).toISOString();
  await ctx.scopes.withEngine((tx) => pruneRateState(tx, now));
  const deleted = await ctx.scopes.withEngine((tx) =>
    tx.execute(sql`delete from engine_runs where id in (
      select id from engine_runs where ended_at < ${cutoff}::timestamptz and next_at is null limit ${BATCH}) returning id`),
  );
  return Array.isArray(deleted) ? deleted.length : ((deleted as { rows?: unknown[] }).rows?.length ?? 0);
}
