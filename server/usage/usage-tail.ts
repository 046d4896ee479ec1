import { sql, type SQL } from "drizzle-orm";

/**
 * The usage the roll-up has not reached yet: `usage.recorded` events in [from, to) whose run is
 * not in `usage_counted`, one per run (a redelivered or replayed copy shares its run; the first
 * by id wins). Columns: `tenant_id`, `occurred_at`, `p` (the payload). Every reader that adds the
 * tail to the roll-ups selects from this, so "a run counts once" has one definition.
 *
 * `tenantId` narrows it to one tenant; without it (the platform console) every tenant's tail.
 */
export function unrolledUsage(input: { from: Date; to: Date; tenantId?: string }): SQL {
  const tenant = input.tenantId ? sql`and e.tenant_id = ${input.tenantId}::uuid` : sql``;
  return sql`(select distinct on (e.tenant_id, e.payload->>'runId') e.tenant_id, e.occurred_at, e.payload as p from events e
      where e.type = 'usage.recorded' ${tenant}
        and e.occurred_at >= ${input.from.toISOString()}::timestamptz and e.occurred_at < ${input.to.toISOString()}::timestamptz
        and not exists (select 1 from usage_counted c where c.tenant_id = e.tenant_id and c.run_id = (e.payload->>'runId')::uuid)
      order by e.tenant_id, e.payload->>'runId', e.id)`;
}
