import { sql, type SQL } from "drizzle-orm";

/**
 * What the retention purge deletes, one bounded statement per kind of row: each deletes at most
 * `limit` rows of one tenant older than the cutoff and returns how many it removed, so a tenant
 * with a large backlog is worked off in steps instead of one long-locking statement.
 *
 * Decided, and why:
 * - **runs** (input and output text: personal data) older than the cutoff, once finished, with
 *   their **run steps** (deleted first, explicitly, so the cascade never has unbounded work);
 * - **events** older than the cutoff, only delivered ones (an undelivered event is still owed to
 *   the engine) and never a usage record the roll-up has not counted yet (the billing figure);
 * - **incident occurrences**: the `occurrence` entries of an incident's timeline, one per repeat
 *   of an attack — the incident keeps its count and last-seen time;
 * - **guard feedback** (redacted findings kept for tuning);
 * - **hourly usage roll-ups** (the daily roll-up stays: it is the billing history and holds no
 *   personal data).
 *
 * Kept, for metering: the **daily roll-ups** and the **counted-runs ledger** (`usage_counted`: run
 * ids and times, nothing personal). Purging the ledger would let a replayed copy of an expired
 * run's usage event (a new event id, a recent time) be counted again.
 *
 * Kept, as evidence: the **audit log** (append-only, hash-chained — deleting from it would break
 *   the chain the verify action proves, and the app and platform roles hold no DELETE on it), the
 *   **incidents** themselves and their opened / status / comment / action entries (who decided
 *   what about an attack), configuration (agents, keys, knowledge, policies).
 */

export type PurgeKind = "runSteps" | "runs" | "events" | "incidentOccurrences" | "guardFeedback" | "usageHourly";

type Args = { tenantId: string; cutoff: string };

/** Each kind: its table and the selection of one tenant's rows past the cutoff (oldest first where it matters). */
const SELECTIONS: Record<PurgeKind, { table: string; select: (a: Args) => SQL }> = {
  runSteps: {
    table: "run_steps",
    select: ({ tenantId, cutoff }) => sql`
      select s.id from run_steps s join runs r on r.tenant_id = s.tenant_id and r.id = s.run_id
      where r.tenant_id = ${tenantId}::uuid and r.created_at < ${cutoff}::timestamptz and r.status <> 'running'`,
  },
  runs: {
    table: "runs",
    select: ({ tenantId, cutoff }) => sql`
      select id from runs where tenant_id = ${tenantId}::uuid and created_at < ${cutoff}::timestamptz and status <> 'running'
      order by created_at`,
  },
  events: {
    table: "events",
    select: ({ tenantId, cutoff }) => sql`
      select e.id from events e
      where e.tenant_id = ${tenantId}::uuid and e.occurred_at < ${cutoff}::timestamptz and e.delivered_at is not null
        and not (e.type = 'usage.recorded' and not exists (
          select 1 from usage_counted c where c.tenant_id = e.tenant_id and c.run_id = (e.payload->>'runId')::uuid))
      order by e.occurred_at`,
  },
  incidentOccurrences: {
    table: "incident_activity",
    select: ({ tenantId, cutoff }) => sql`
      select id from incident_activity
      where tenant_id = ${tenantId}::uuid and kind = 'occurrence' and created_at < ${cutoff}::timestamptz`,
  },
  guardFeedback: {
    table: "guard_feedback",
    select: ({ tenantId, cutoff }) => sql`
      select id from guard_feedback where tenant_id = ${tenantId}::uuid and created_at < ${cutoff}::timestamptz`,
  },
  usageHourly: {
    table: "usage_hourly",
    select: ({ tenantId, cutoff }) => sql`
      select id from usage_hourly where tenant_id = ${tenantId}::uuid and bucket_start < ${cutoff}::timestamptz`,
  },
};

/** In this order: a run's steps before the run. */
export const PURGE_KINDS = Object.keys(SELECTIONS) as PurgeKind[];

/** Deletes at most `limit` of the tenant's rows of one kind past the cutoff; answers `n`, how many. */
export function purgeStatement(kind: PurgeKind, args: Args & { limit: number }): SQL {
  const { table, select } = SELECTIONS[kind];
  return sql`with d as (delete from ${sql.identifier(table)} where id in (${select(args)} limit ${args.limit}) returning 1)
    select count(*)::int as n from d`;
}

/** Whether a tenant has anything past the cutoff, by the purge's own selections (so the two never disagree). */
export function dueProbe(args: Args): SQL {
  const probes = PURGE_KINDS.map((kind) => sql`exists (${SELECTIONS[kind].select(args)} limit 1)`);
  return sql`select (${sql.join(probes, sql` or `)}) as due`;
}
