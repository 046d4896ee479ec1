import { and, eq, inArray, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { events, runs, type EventRow } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { toEventDto, type ChainEventDto } from "./event-dto";

/** A chain longer than this is cut (and says so): one page must stay readable and cheap to build. */
export const CHAIN_LIMIT = 1000;

/**
 * A run's whole causal chain: the events of the request that started it (same correlation id as
 * its `run.requested`), every event whose payload names the run, and everything those caused,
 * transitively (by causation id). Walked by one recursive query inside the tenant's wall; `union`
 * (not `union all`) makes a cycle, should one ever be written, end the walk instead of looping.
 */
export async function runEventChain(
  ctx: TenantContext,
  { id: runId }: { id: string },
): Promise<{ runId: string; items: ChainEventDto[]; truncated: boolean }> {
  const tenantId = ctx.tenant.id;
  const [run] = await ctx.tx
    .select({ id: runs.id })
    .from(runs)
    .where(and(eq(runs.tenantId, tenantId), eq(runs.id, runId)))
    .limit(1);
  if (!run) throw new NotFoundError("Run");
  const found = rowsOf<{ id: string }>(
    await ctx.tx.execute(sql`
      with recursive chain(id) as (
        select e.id from events e
        where e.tenant_id = ${tenantId}::uuid and (
          e.payload->>'runId' = ${runId}
          or e.correlation_id in (
            select r.correlation_id from events r
            where r.tenant_id = ${tenantId}::uuid and r.type = 'run.requested' and r.payload->>'runId' = ${runId}
          )
        )
        union
        select c.id from events c join chain p on c.causation_id = p.id
        where c.tenant_id = ${tenantId}::uuid
      )
      select id from chain limit ${CHAIN_LIMIT + 1}`),
  );
  const ids = found.slice(0, CHAIN_LIMIT).map((r) => r.id);
  const rows = ids.length
    ? await ctx.tx
        .select()
        .from(events)
        .where(and(eq(events.tenantId, tenantId), inArray(events.id, ids)))
    : [];
  return { runId, items: asTree(rows), truncated: found.length > CHAIN_LIMIT };
}

/**
 * The chain as a timeline of trees, depth first: each root (an event whose cause is not in the
 * chain) in time order, each followed by what it caused, in time order. ULIDs sort by time.
 */
export function asTree(rows: EventRow[]): ChainEventDto[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const children = new Map<string, EventRow[]>();
  const roots: EventRow[] = [];
  for (const row of [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const parent = row.causationId && byId.has(row.causationId) && row.causationId !== row.id ? row.causationId : null;
    if (parent) children.set(parent, [...(children.get(parent) ?? []), row]);
    else roots.push(row);
  }
  const out: ChainEventDto[] = [];
  const seen = new Set<string>();
  const visit = (row: EventRow, depth: number, parentId: string | null) => {
    if (seen.has(row.id)) return;
    seen.add(row.id);
    out.push({ ...toEventDto(row), depth, parentId });
    for (const child of children.get(row.id) ?? []) visit(child, depth + 1, row.id);
  };
  for (const root of roots) visit(root, 0, null);
  // A cycle has no root: show its members flat rather than lose them.
  for (const row of rows) visit(row, 0, null);
  return out;
}
