import { eq, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db";
import { engineRuns } from "@/db/schema/engine";
import type { SdkEvent } from "./call-sdk";
import { keyValueOf, type FunctionSpec } from "./registry";
import { DISCOVER } from "./run-state";
import { insertRuns, type NewRun } from "./store";

/**
 * `debounce: { period, key?, timeout? }`, as Inngest applies it: an event does not start a run at
 * once; it (re)starts a wait of `period` for its key, and a later event of the same key within
 * the wait replaces the pending run's event and restarts the wait. The run starts with the last
 * event once `period` passes quietly, or `timeout` after the first event at the latest.
 *
 * The pending run is an ordinary queued run whose event id names the key (`debounce:<key>:<first
 * event id>`) and that has not been touched yet (no call made, no lease); once a process leases
 * it, the next event starts a new one. Debounced runs are not throttled or rate-limited.
 */
export async function debounceEvents(
  tx: Tx,
  items: { spec: FunctionSpec; event: SdkEvent }[],
  now: number,
  runFor: (spec: FunctionSpec, events: SdkEvent[], eventId: string, now: number) => NewRun,
): Promise<void> {
  const untouched = JSON.stringify([{ kind: "step", id: DISCOVER }]);
  for (const { spec, event } of items) {
    const { keyPath, periodMs, timeoutMs } = spec.debounce!;
    const prefix = `debounce:${keyValueOf(keyPath, event as Record<string, unknown>)}:`;
    const [pending] = rowsOf<{ id: string; created_at: string | Date }>(
      await tx.execute(sql`select id, created_at from engine_runs
        where function_id = ${spec.id} and left(event_id, ${prefix.length}) = ${prefix}
          and status = 'queued' and lease_owner is null and attempt = 0
          and steps = '{}'::jsonb and pending = ${untouched}::jsonb
        order by created_at desc limit 1 for update skip locked`),
    );
    if (pending) {
      const first = new Date(pending.created_at).getTime();
      const due = timeoutMs === null ? now + periodMs : Math.min(now + periodMs, first + timeoutMs);
      await tx
        .update(engineRuns)
        .set({ events: [event as Record<string, unknown>], nextAt: new Date(due), updatedAt: new Date(now) })
        .where(eq(engineRuns.id, pending.id));
    } else {
      const run = runFor(spec, [event], `${prefix}${event.id}`, now);
      await insertRuns(tx, [{ ...run, notBefore: now + (timeoutMs === null ? periodMs : Math.min(periodMs, timeoutMs)) }]);
    }
  }
}
