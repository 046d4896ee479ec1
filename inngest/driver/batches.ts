import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "@/db";
import { engineBatchItems } from "@/db/schema/engine";
import { runFor } from "./accept-events";
import type { SdkEvent } from "./call-sdk";
import type { DriverContext } from "./context";
import { valueAt } from "./expression";
import type { FunctionSpec } from "./registry";
import { insertRuns } from "./store";

/**
 * `batchEvents: { maxSize, timeout, key }`: events for a batched function wait in
 * engine_batch_items, one batch per key value (e.g. `event.data.tenantId`: a batch never mixes
 * tenants), until `maxSize` have gathered or the oldest has waited `timeout`; then one run
 * receives them all (`events`), its id derived from the first event so a flush repeated after a
 * crash starts nothing twice.
 */
export function batchKeyOf(spec: FunctionSpec, event: SdkEvent): string {
  const path = spec.batch?.keyPath;
  if (!path) return "";
  const value = valueAt({ event }, path);
  return typeof value === "string" ? value : JSON.stringify(value ?? null);
}

async function flushOne(ctx: DriverContext, spec: FunctionSpec, batchKey: string, now: number): Promise<boolean> {
  const { maxSize, timeoutMs } = spec.batch!;
  return ctx.scopes.withEngine(async (tx) => {
    const items = await tx
      .select()
      .from(engineBatchItems)
      .where(and(eq(engineBatchItems.functionId, spec.id), eq(engineBatchItems.batchKey, batchKey)))
      .orderBy(asc(engineBatchItems.addedAt), asc(engineBatchItems.eventId))
      .limit(maxSize)
      .for("update", { skipLocked: true });
    if (!items.length) return false;
    const full = items.length >= maxSize;
    if (!full && items[0]!.addedAt.getTime() + timeoutMs > now) return false;
    await insertRuns(tx, [
      runFor(
        spec,
        items.map((i) => i.event as SdkEvent),
        `batch:${items[0]!.eventId}`,
        now,
      ),
    ]);
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
}

async function groups(ctx: DriverContext) {
  return ctx.scopes.withEngine(async (tx) =>
    rowsOf<{ fn: string; key: string; at: string | number }>(
      await tx.execute(
        sql`select function_id as fn, batch_key as key, (extract(epoch from min(added_at)) * 1000)::float8 as at
            from engine_batch_items group by function_id, batch_key`,
      ),
    ),
  );
}

export async function flushBatches(ctx: DriverContext, now: number): Promise<void> {
  if (![...ctx.registry.specs.values()].some((s) => s.batch)) return;
  for (const group of await groups(ctx)) {
    const spec = ctx.registry.specs.get(group.fn);
    if (!spec?.batch) continue;
    // A full batch may be followed by another: flush while they keep coming full.
    while (await flushOne(ctx, spec, group.key, now));
  }
}

export async function nextBatchDue(ctx: DriverContext): Promise<number | null> {
  if (![...ctx.registry.specs.values()].some((s) => s.batch)) return null;
  const due = (await groups(ctx)).map((g) => Number(g.at) + (ctx.registry.specs.get(g.fn)?.batch?.timeoutMs ?? 0));
  return due.length ? Math.min(...due) : null;
}
