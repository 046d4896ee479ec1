import { and, count, eq, inArray } from "drizzle-orm";
import { runSteps, type Run } from "@/db/schema";
import { noticeTokenUsage } from "../billing/quota-notices";
import { emitEvent } from "../events/emit-event";
import type { TenantContext } from "../request-context";

/**
 * The outbox events of a run's life, written in the same transactions as the run's rows:
 * `run.requested` when it is created, and when it ends `run.completed` (completed or blocked) or
 * `run.failed`, always followed by `usage.recorded` — the metering record, whatever the outcome,
 * since tokens spent before a failure or a block are still spent.
 */

type Ctx = Pick<TenantContext, "tx" | "tenant" | "principal" | "meta">;

function apiKeyOf(run: Pick<Run, "actorType" | "actorId">): string | null {
  return run.actorType === "api_key" ? run.actorId : null;
}

export async function emitRunRequested(ctx: Ctx, run: Run): Promise<void> {
  await emitEvent(ctx, "run.requested", {
    runId: run.id,
    agentId: run.agentId,
    agentVersion: run.agentVersion,
    apiKeyId: apiKeyOf(run),
    streamed: run.streamed,
  });
}

async function callCounts(ctx: Ctx, runId: string): Promise<{ modelCalls: number; toolCalls: number }> {
  const rows = await ctx.tx
    .select({ kind: runSteps.kind, n: count() })
    .from(runSteps)
    .where(and(eq(runSteps.tenantId, ctx.tenant.id), eq(runSteps.runId, runId), inArray(runSteps.kind, ["model_call", "tool_call"])))
    .groupBy(runSteps.kind);
  const of = (kind: string) => rows.find((r) => r.kind === kind)?.n ?? 0;
  return { modelCalls: of("model_call"), toolCalls: of("tool_call") };
}

/** Call once, with the run's final row, in the transaction that ended it. */
export async function emitRunEnded(ctx: Ctx, run: Run): Promise<void> {
  const apiKeyId = apiKeyOf(run);
  if (run.status === "failed") {
    await emitEvent(ctx, "run.failed", { runId: run.id, agentId: run.agentId, apiKeyId, code: run.error?.code ?? "failed" });
  } else if (run.status === "completed" || run.status === "blocked") {
    await emitEvent(ctx, "run.completed", {
      runId: run.id,
      agentId: run.agentId,
      apiKeyId,
      status: run.status,
      riskLevel: run.riskLevel,
      provider: run.provider,
      model: run.model,
      latencyMs: Math.max(0, run.latencyMs ?? 0),
    });
  } else {
    return;
  }
  await emitEvent(ctx, "usage.recorded", {
    runId: run.id,
    agentId: run.agentId,
    apiKeyId,
    provider: run.provider,
    model: run.model,
    inputTokens: run.inputTokens,
    outputTokens: run.outputTokens,
    ...(await callCounts(ctx, run.id)),
    costMicros: Math.max(0, Math.round(run.costMicros)),
  });
  // The tokens it used may take the tenant past 80 % or 100 % of its token quota: warned once.
  if (run.inputTokens + run.outputTokens > 0) await noticeTokenUsage(ctx);
}
