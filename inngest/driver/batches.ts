import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "@/db";
import { engineBatchItems } from "@/db/schema/engine";
import { runFor } from "./accept-events";
import type { SdkEvent } from "./call-sdk";
import type { DriverContext } from "./context";
import { insertRuns } from "./store";

/**
 * `batchEvents: { maxSize, timeout }`: events for a batched function wait in engine_batch_items
 * until `maxSize` have gathered or the oldest has waited `timeout`; then one run receives them all
 * (`events`), its id derived from the first event so a flush repeated after a crash starts nothing
 * twice. Batch `key` is not honoured (one batch per function).
 */
export async function flushBatches(ctx: DriverContext, now: number): Promise<void> {
  const batched = [...ctx.registry.specs.values()].filter((s) => s.batch);
  for (const spec of batched) {
    const { maxSize, timeoutMs } = spec.batch!;
    for (;;) {
      const flushed = await ctx.scopes.withEngine(async (tx) => {
        const items = await tx
          .select()
          .from(engineBatchItems)
          .where(eq(engineBatchItems.functionId, spec.id))
          .orderBy(asc(engineBatchItems.addedAt), asc(engineBatchItems.eventId))
          .limit(maxSize)
          .for("update", { skipLocked: true });
        if (!items.length) return false;
        const full = items.length >= maxSize;
        if (!full && items[0]!.addedAt.getTime() + timeoutMs > now) return false;
        const events = items.map((i) => i.event as SdkEvent);
        await insertRuns(tx, [runFor(spec, events, `batch:${items[0]!.eventId}`, now)]);
        await tx.delete(engineBatchItems).where(
          and(
            eq(engineBatchItems.functionId, spec.id),
            inArray(
              engineBatchItems.eventId,
              items.map((i) => i.eventId),
            ),
          ),
        );
        return full;
      });
      if (!flushed) break;
    }
  }
}

export async function nextBatchDue(ctx: DriverContext): Promise<number | null> {
  const batched = [...ctx.registry.specs.values()].filter((s) => s.batch);
  if (!batched.length) return null;
  const rows = await ctx.scopes.withEngine(async (tx) =>
    rowsOf<{ fn: string; at: string | number }>(
      await tx.execute(
        sql`select function_id as fn, (extract(epoch from min(added_at)) * 1000)::float8 as at from engine_batch_items group by function_id`,
      ),
    ),
  );
  const due = rows.map((r) => Number(r.at) + (batched.find((s) => s.id === r.fn)?.batch?.timeoutMs ?? 0));
  return due.length ? Math.min(...due) : null;
}
