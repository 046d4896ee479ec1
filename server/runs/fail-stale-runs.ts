import { and, eq, lt, sql } from "drizzle-orm";
import { runs } from "@/db/schema";
import type { Scopes } from "@/db/scope";
import { rowsOf, type Tx } from "@/db";
import { appendEvents } from "../events/append-event";
import { logger } from "../obs/logger";
import type { DomainContext } from "../request-context";
import { runInTenant, type TenantAccess } from "../tenancy/tenant-context";
import { STALE_RUN_MS } from "./limits";

const INTERRUPTED = {
  code: "run_interrupted",
  message: "The run was interrupted (the server stopped while it was running) and did not finish. Start it again.",
};

/** Model and tool calls per run, for the usage records (one statement for all of them). */
async function callCounts(tx: Tx, ids: string[]): Promise<Map<string, { model: number; tool: number }>> {
  const rows = rowsOf<{ run_id: string; model: string; tool: string }>(
    await tx.execute(sql`
      select run_id::text as run_id, count(*) filter (where kind = 'model_call')::text as model, count(*) filter (where kind = 'tool_call')::text as tool
      from run_steps where run_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) group by run_id`),
  );
  return new Map(rows.map((r) => [r.run_id, { model: Number(r.model), tool: Number(r.tool) }]));
}

/**
 * A run left `running` by a process that died: marked `failed`, with an `error` step after the
 * steps it had stored. One statement per table, so the sweep is cheap and idempotent (a run
 * already finished is untouched). Used per tenant (lazily, when runs are listed) and across
 * tenants at start-up (platform scope).
 */
async function sweep(tx: Tx, olderThan: Date, tenantId: string | null): Promise<number> {
  const stale = await tx
    .update(runs)
    .set({ status: "failed", error: INTERRUPTED, output: null, completedAt: new Date() })
    .where(and(eq(runs.status, "running"), lt(runs.createdAt, olderThan), tenantId ? eq(runs.tenantId, tenantId) : undefined))
    .returning({
      id: runs.id,
      tenantId: runs.tenantId,
      agentId: runs.agentId,
      actorType: runs.actorType,
      actorId: runs.actorId,
      provider: runs.provider,
      model: runs.model,
      inputTokens: runs.inputTokens,
      outputTokens: runs.outputTokens,
      costMicros: runs.costMicros,
    });
  if (stale.length === 0) return 0;
  const ids = stale.map((r) => r.id);
  // The error step goes after whatever steps the run had stored (one statement for all of them).
  await tx.execute(sql`
    insert into run_steps (tenant_id, run_id, ordinal, kind, status, name, detail, started_at)
    select r.tenant_id, r.id,
           coalesce((select max(s.ordinal) from run_steps s where s.tenant_id = r.tenant_id and s.run_id = r.id), 0) + 1,
           'error', 'error', ${INTERRUPTED.code}, ${JSON.stringify(INTERRUPTED)}::jsonb, now()
    from runs r
    where r.id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  const calls = await callCounts(tx, ids);
  const actor = { type: "system" as const, id: "stale-run-sweeper" };
  // Whoever waits on these runs (workflows) hears that they ended, and metering what they used,
  // as for any run that ends (outbox.ts): the quota counts ended runs by their usage record.
  await appendEvents(
    tx,
    stale.flatMap((r) => {
      const apiKeyId = r.actorType === "api_key" ? r.actorId : null;
      return [
        {
          tenantId: r.tenantId,
          type: "run.failed" as const,
          payload: { runId: r.id, agentId: r.agentId, apiKeyId, code: INTERRUPTED.code },
          actor,
          meta: null,
        },
        {
          tenantId: r.tenantId,
          type: "usage.recorded" as const,
          payload: {
            runId: r.id,
            agentId: r.agentId,
            apiKeyId,
            provider: r.provider,
            model: r.model,
            inputTokens: r.inputTokens,
            outputTokens: r.outputTokens,
            modelCalls: calls.get(r.id)?.model ?? 0,
            toolCalls: calls.get(r.id)?.tool ?? 0,
            costMicros: Math.max(0, Math.round(r.costMicros)),
          },
          actor,
          meta: null,
        },
      ];
    }),
  );
  return stale.length;
}

/** In one tenant's transaction (the runs list calls it before reading). */
export function failStaleRunsInTenant(tx: Tx, tenantId: string, now = Date.now()): Promise<number> {
  return sweep(tx, new Date(now - STALE_RUN_MS), tenantId);
}

/** Across tenants, at server start: runs a previous process left behind. */
export async function failStaleRuns(scopes: Scopes, now = Date.now()): Promise<number> {
  try {
    const count = await scopes.withPlatform("fail runs left running by a stopped server", { type: "system", id: null }, (tx) =>
      sweep(tx, new Date(now - STALE_RUN_MS), null),
    );
    if (count) logger.warn({ count }, "marked runs left running by a stopped server as failed");
    return count;
  } catch (error) {
    // Not a reason to refuse to start: the lazy sweep on listing catches up.
    logger.error({ err: error }, "could not sweep stale runs at start-up");
    return 0;
  }
}

const lastSweep = new Map<string, number>();
const SWEEP_EVERY_MS = 60_000;

/**
 * The lazy sweep before a tenant's runs are listed: at most once a minute per tenant and
 * process (a short write transaction of its own — the list itself is read-only), so a run
 * orphaned by a crash shows as failed without anyone running a job.
 */
export async function sweepTenantRuns(deps: DomainContext, access: TenantAccess, now = Date.now()): Promise<void> {
  const last = lastSweep.get(access.tenant.id) ?? 0;
  if (now - last < SWEEP_EVERY_MS) return;
  lastSweep.set(access.tenant.id, now);
  if (lastSweep.size > 10_000) lastSweep.clear();
  await runInTenant(deps, access, (ctx) => failStaleRunsInTenant(ctx.tx, ctx.tenant.id, now));
}
