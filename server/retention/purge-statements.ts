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
 *   personal data);
 * - **purged key usage** (`key_usage_purged`) from before the current UTC month: no key budget
 *   period reaches back that far.
 *
 * A deleted run of an API key created in the current UTC month (the longest key budget period)
 * leaves its figures behind in `key_usage_purged`, in the deleting statement: key budgets are
 * counted from `runs`, and a retention shorter than a month (Free: 30 days; a month has up to 31)
 * would otherwise let a key overspend. The runs' text still goes on time; only numbers stay.
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

export type PurgeKind = "runSteps" | "runs" | "events" | "incidentOccurrences" | "guardFeedback" | "usageHourly" | "keyUsagePurged";

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
  keyUsagePurged: {
    table: "key_usage_purged",
    // Not the retention cutoff: these rows hold no personal data and matter exactly while their month lasts.
    select: ({ tenantId }) => sql`
      select id from key_usage_purged where tenant_id = ${tenantId}::uuid and day < ${MONTH_START}`,
  },
};

/** The start of the current UTC month: the earliest a key budget period (a UTC day or month) can begin. */
const MONTH_START = sql`date_trunc('month', now(), 'UTC')`;

/**
 * The deleted runs' figures that a key budget may still count: those of an API key, created this
 * UTC month, added up per key and UTC day (the unit budget periods are made of).
 */
const foldKeyUsage = sql`
  insert into key_usage_purged (tenant_id, api_key_id, day, runs, tokens, cost_micros)
  select tenant_id, api_key_id, date_trunc('day', created_at, 'UTC'), count(*),
    coalesce(sum(input_tokens::bigint + output_tokens::bigint), 0), coalesce(sum(cost_micros), 0)
  from d where api_key_id is not null and created_at >= ${MONTH_START}
  group by 1, 2, 3
  on conflict (tenant_id, api_key_id, day) do update set runs = key_usage_purged.runs + excluded.runs,
    tokens = key_usage_purged.tokens + excluded.tokens, cost_micros = key_usage_purged.cost_micros + excluded.cost_micros`;

/** In this order: a run's steps before the run. */
export const PURGE_KINDS = Object.keys(SELECTIONS) as PurgeKind[];

/** Deletes at most `limit` of the tenant's rows of one kind past the cutoff; answers `n`, how many. */
export function purgeStatement(kind: PurgeKind, args: Args & { limit: number }): SQL {
  const { table, select } = SELECTIONS[kind];
  if (kind === "runs") {
    // One statement: the runs go and their budget figures stay, or neither.
    return sql`with d as (delete from runs where id in (${select(args)} limit ${args.limit})
        returning tenant_id, api_key_id, created_at, input_tokens, output_tokens, cost_micros),
      f as (${foldKeyUsage})
      select count(*)::int as n from d`;
  }
  return sql`with d as (delete from ${sql.identifier(table)} where id in (${select(args)} limit ${args.limit}) returning 1)
    select count(*)::int as n from d`;
}

/** Whether a tenant has anything past the cutoff, by the purge's own selections (so the two never disagree). */
export function dueProbe(args: Args): SQL {
  const probes = PURGE_KINDS.map((kind) => sql`exists (${SELECTIONS[kind].select(args)} limit 1)`);
  return sql`select (${sql.join(probes, sql` or `)}) as due`;
}
