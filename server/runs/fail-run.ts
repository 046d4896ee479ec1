import { and, eq } from "drizzle-orm";
import { runs } from "@/db/schema";
import { logger } from "../obs/logger";
import type { DomainContext } from "../request-context";
import { runInTenant, type TenantAccess } from "../tenancy/tenant-context";
import { toRunDto, type RunDto, type RunStepDto } from "./dto";
import type { Totals } from "./model-loop";
import type { RunError } from "./run-errors";
import { emitRunEnded } from "./outbox";
import { insertStep } from "./record-step";

/**
 * Ends a run as `failed` in one short transaction: an `error` step saying what happened, and the
 * run with its `{code, message}` and the tokens and cost already spent. No output is written: a
 * failed run never carries a half answer. Only a run still `running` is changed (the sweeper
 * may have got there first).
 */
export async function failRun(
  deps: DomainContext,
  access: TenantAccess,
  input: { runId: string; agentName: string | null; error: RunError; ordinal: number; totals: Totals; startedAt: number },
): Promise<{ run: RunDto | null; step: RunStepDto | null }> {
  try {
    return await runInTenant(deps, access, async (ctx) => {
      const step = await insertStep(ctx, input.runId, input.ordinal, {
        kind: "error",
        status: "error",
        name: input.error.code,
        detail: { ...input.error },
        startedAt: new Date(),
      });
      const [row] = await ctx.tx
        .update(runs)
        .set({
          status: "failed",
          error: input.error,
          output: null,
          inputTokens: input.totals.inputTokens,
          outputTokens: input.totals.outputTokens,
          costMicros: Math.round(input.totals.costMicros),
          latencyMs: Date.now() - input.startedAt,
          completedAt: new Date(),
        })
        .where(and(eq(runs.tenantId, ctx.tenant.id), eq(runs.id, input.runId), eq(runs.status, "running")))
        .returning();
      if (row) await emitRunEnded(ctx, row);
      return { run: row ? toRunDto(row, input.agentName) : null, step };
    });
  } catch (error) {
    // The database itself is failing: the run stays `running` and the sweeper fails it later.
    logger.error({ err: error, runId: input.runId, requestId: deps.meta.requestId }, "could not record a failed run");
    return { run: null, step: null };
  }
}
