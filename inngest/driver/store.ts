import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db";
import { engineRuns, engineWaits, type EngineRun, type PendingOp } from "@/db/schema/engine";
import type { RunState } from "./run-state";

/**
 * The driver's SQL. Claims are serialised by one transaction-scoped advisory lock (a claim is a
 * few milliseconds; holding it makes the concurrency count exact across processes), rows are
 * taken `FOR UPDATE SKIP LOCKED`, and a run's state is written only by its lease holder.
 */
const CLAIM_LOCK = 73_100_071;

export type NewRun = {
  id: string;
  functionId: string;
  eventId: string;
  events: Record<string, unknown>[];
  tenantId: string | null;
  concurrency: { key: string; limit: number } | null;
  pending: PendingOp[];
  now: number;
  /** `priority.run` in seconds: the run is due that much earlier (or later). */
  prioritySeconds?: number;
  /** A throttled run's slot (rate-limits.ts): it starts no earlier, whatever its priority. */
  notBefore?: number;
};

/** Inserts runs; a (function, event id) pair that already has one is skipped. Returns the ids created. */
export async function insertRuns(tx: Tx, runs: NewRun[]): Promise<string[]> {
  if (runs.length === 0) return [];
  const rows = await tx
    .insert(engineRuns)
    .values(
      runs.map((r) => ({
        id: r.id,
        functionId: r.functionId,
        eventId: r.eventId,
        events: r.events,
        triggerTenantId: r.tenantId,
        status: "queued" as const,
        pending: r.pending,
        nextAt: new Date(r.notBefore ?? r.now - (r.prioritySeconds ?? 0) * 1000),
        concurrencyKey: r.concurrency?.key ?? null,
        concurrencyLimit: r.concurrency?.limit ?? null,
        createdAt: new Date(r.now),
        updatedAt: new Date(r.now),
      })),
    )
    .onConflictDoNothing({ target: [engineRuns.functionId, engineRuns.eventId] })
    .returning({ id: engineRuns.id });
  return rows.map((r) => r.id);
}

/**
 * Leases up to `max` runs due at `now`, never more per concurrency key than its limit counting
 * runs other processes hold. Fair between tenants: candidates are taken round-robin over their
 * bucket (the concurrency key, else function + tenant) — every bucket's oldest due run before any
 * bucket's second — and a key at its limit is filtered in SQL, so a flood of one tenant's runs
 * never fills the window ahead of another tenant's run.
 */
export async function claimRuns(tx: Tx, opts: { now: number; owner: string; leaseMs: number; max: number }): Promise<EngineRun[]> {
  const now = new Date(opts.now);
  const at = sql`${now.toISOString()}::timestamptz`;
  await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK})`);
  const ranked = rowsOf<{ id: string; key: string | null; lim: number | null; active: number }>(
    await tx.execute(sql`
      with active as (
        select concurrency_key as key, count(*) as n from engine_runs
        where concurrency_key is not null and lease_until >= ${at} group by 1
      )
      select id, key, lim, active from (
        select r.id, r.concurrency_key as key, r.concurrency_limit as lim, coalesce(a.n, 0)::int as active, r.next_at,
          row_number() over (
            partition by coalesce(r.concurrency_key, r.function_id || ':' || coalesce(r.trigger_tenant_id::text, ''))
            order by r.next_at, r.id) as turn
        from engine_runs r left join active a on a.key = r.concurrency_key
        where r.next_at <= ${at} and (r.lease_until is null or r.lease_until < ${at})
          and (r.concurrency_limit is null or coalesce(a.n, 0) < r.concurrency_limit)
      ) due
      where turn <= ${opts.max}
      order by turn, next_at, id
      limit ${opts.max * 4}`),
  );
  // Row locks after ranking (a window query cannot lock): skip runs a save or the dispatcher holds.
  const lockable = ranked.length
    ? new Set(
        rowsOf<{ id: string }>(
          await tx.execute(
            sql`select id from engine_runs where id in ${sql.raw(`(${ranked.map((r) => `'${r.id.replace(/'/g, "''")}'`).join(",")})`)} for update skip locked`,
          ),
        ).map((r) => r.id),
      )
    : new Set<string>();
  const candidates = ranked.filter((r) => lockable.has(r.id));
  // Leases other processes hold per key, as counted under the claim lock.
  const active = new Map(candidates.filter((c) => c.key !== null).map((c) => [c.key!, Number(c.active)]));
  const picked: string[] = [];
  for (const c of candidates) {
    if (picked.length >= opts.max) break;
    if (c.key !== null && c.lim !== null) {
      const n = active.get(c.key) ?? 0;
      if (n >= c.lim) continue;
      active.set(c.key, n + 1);
    }
    picked.push(c.id);
  }
  if (picked.length === 0) return [];
  return tx
    .update(engineRuns)
    .set({ leaseOwner: opts.owner, leaseUntil: new Date(opts.now + opts.leaseMs), status: "running", updatedAt: now })
    .where(inArray(engineRuns.id, picked))
    .returning();
}

/** Extends the lease while a call is in flight; false when the lease was lost (cancelled, or taken after expiry). */
export async function renewLease(tx: Tx, id: string, owner: string, until: number): Promise<boolean> {
  const rows = await tx
    .update(engineRuns)
    .set({ leaseUntil: new Date(until) })
    .where(and(eq(engineRuns.id, id), eq(engineRuns.leaseOwner, owner)))
    .returning({ id: engineRuns.id });
  return rows.length > 0;
}

/** Waits of the run the dispatcher has already satisfied: stepId → the matching event. */
export async function resolvedWaits(tx: Tx, runId: string): Promise<Map<string, Record<string, unknown>>> {
  const rows = await tx
    .select({ stepId: engineWaits.stepId, event: engineWaits.resolvedEvent })
    .from(engineWaits)
    .where(and(eq(engineWaits.runId, runId), isNotNull(engineWaits.resolvedEvent)))
    .for("update");
  return new Map(rows.map((r) => [r.stepId, r.event!]));
}

/**
 * Writes the state the lease holder computed and keeps the waits table in step with its pending
 * waits. `release` drops the lease. Returns false (nothing written) when the lease is gone.
 */
export async function saveRun(tx: Tx, id: string, owner: string, state: RunState, now: number, release: boolean): Promise<boolean> {
  const terminal = state.status === "completed" || state.status === "failed" || state.status === "cancelled";
  const rows = await tx
    .update(engineRuns)
    .set({
      status: release && state.status === "running" ? "queued" : state.status,
      attempt: state.attempt,
      steps: state.steps,
      stack: state.stack,
      pending: state.pending,
      nextAt: state.nextAt === null ? null : new Date(state.nextAt),
      output: state.output ?? null,
      error: state.error ?? null,
      updatedAt: new Date(now),
      ...(terminal ? { endedAt: new Date(now) } : {}),
      ...(release || terminal ? { leaseOwner: null, leaseUntil: null } : {}),
    })
    .where(and(eq(engineRuns.id, id), eq(engineRuns.leaseOwner, owner)))
    .returning({ id: engineRuns.id });
  if (rows.length === 0) return false;
  const waits = state.pending.filter((p): p is Extract<PendingOp, { kind: "wait" }> => p.kind === "wait");
  const keep = waits.map((w) => w.id);
  await tx
    .delete(engineWaits)
    .where(keep.length ? and(eq(engineWaits.runId, id), sql`${engineWaits.stepId} not in ${keep}`) : eq(engineWaits.runId, id));
  if (waits.length) {
    await tx
      .insert(engineWaits)
      .values(waits.map((w) => ({ runId: id, stepId: w.id, eventName: w.event })))
      .onConflictDoNothing();
    // A wait satisfied while this call was in flight: the run is due again now.
    const [hit] = await tx
      .select({ id: engineWaits.runId })
      .from(engineWaits)
      .where(and(eq(engineWaits.runId, id), isNotNull(engineWaits.resolvedEvent)))
      .limit(1);
    if (hit)
      await tx
        .update(engineRuns)
        .set({ nextAt: new Date(now), status: "queued" })
        .where(eq(engineRuns.id, id));
  }
  return true;
}

export function stateOf(run: EngineRun): RunState {
  return {
    status: run.status,
    attempt: run.attempt,
    steps: { ...run.steps },
    stack: [...run.stack],
    pending: [...run.pending],
    nextAt: run.nextAt ? run.nextAt.getTime() : null,
    output: run.output ?? undefined,
    error: run.error ?? undefined,
  };
}
