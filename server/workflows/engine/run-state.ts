import { and, eq, inArray, sql } from "drizzle-orm";
import { workflowNodeRuns, workflowRuns, workflowVersions, type NodeRunState, type WorkflowRun } from "@/db/schema";
import { emitEvent } from "../../events/emit-event";
import type { TenantContext } from "../../request-context";
import type { WorkflowDefinition } from "../definition";

type Ctx = Pick<TenantContext, "tx" | "tenant" | "principal" | "meta">;
const ACTIVE = ["queued", "running", "waiting_approval"] as const;

async function lockRun(ctx: Ctx, id: string): Promise<WorkflowRun | undefined> {
  const [run] = await ctx.tx
    .select()
    .from(workflowRuns)
    .where(and(eq(workflowRuns.tenantId, ctx.tenant.id), eq(workflowRuns.id, id)))
    .for("update");
  return run;
}

export const isActive = (run: WorkflowRun | undefined) => !!run && (ACTIVE as readonly string[]).includes(run.status);

export type RunPlan = { workflowId: string; definition: WorkflowDefinition; input: Record<string, unknown> };

/** Marks a queued run running and reads what the engine needs; null when it has ended (cancelled before it began). */
export async function beginWorkflowRun(ctx: Ctx, id: string): Promise<RunPlan | null> {
  const run = await lockRun(ctx, id);
  if (!run || !isActive(run)) return null;
  if (run.status === "queued") {
    await ctx.tx
      .update(workflowRuns)
      .set({ status: "running", startedAt: new Date() })
      .where(and(eq(workflowRuns.tenantId, ctx.tenant.id), eq(workflowRuns.id, id)));
  }
  const [version] = await ctx.tx
    .select({ definition: workflowVersions.definition })
    .from(workflowVersions)
    .where(
      and(
        eq(workflowVersions.tenantId, ctx.tenant.id),
        eq(workflowVersions.workflowId, run.workflowId),
        eq(workflowVersions.version, run.version),
      ),
    );
  return { workflowId: run.workflowId, definition: version!.definition as WorkflowDefinition, input: run.input };
}

export type NodePatch = {
  state: NodeRunState;
  output?: Record<string, unknown> | null;
  error?: { code: string; message: string } | null;
  attempts?: number;
  agentRunId?: string | null;
  started?: boolean;
  finished?: boolean;
};

/** Writes a node's state if its run is still going; answers whether it was. */
export async function updateNode(ctx: Ctx, runId: string, nodeId: string, patch: NodePatch): Promise<boolean> {
  const run = await lockRun(ctx, runId);
  if (!isActive(run)) return false;
  const now = new Date();
  await ctx.tx
    .update(workflowNodeRuns)
    .set({
      state: patch.state,
      ...(patch.output !== undefined ? { output: patch.output } : {}),
      ...(patch.error !== undefined ? { error: patch.error } : {}),
      ...(patch.attempts !== undefined ? { attempts: patch.attempts } : {}),
      ...(patch.agentRunId !== undefined ? { agentRunId: patch.agentRunId } : {}),
      ...(patch.started ? { startedAt: sql`coalesce(${workflowNodeRuns.startedAt}, ${now.toISOString()}::timestamptz)` } : {}),
      ...(patch.finished ? { completedAt: now } : {}),
      updatedAt: now,
    })
    .where(
      and(eq(workflowNodeRuns.tenantId, ctx.tenant.id), eq(workflowNodeRuns.workflowRunId, runId), eq(workflowNodeRuns.nodeId, nodeId)),
    );
  return true;
}

/** Sets the run's own status between `running` and `waiting_approval` (not once it has ended). */
export async function setRunWaiting(ctx: Ctx, runId: string, waiting: boolean): Promise<void> {
  await ctx.tx
    .update(workflowRuns)
    .set({ status: waiting ? "waiting_approval" : "running" })
    .where(
      and(
        eq(workflowRuns.tenantId, ctx.tenant.id),
        eq(workflowRuns.id, runId),
        inArray(workflowRuns.status, ["running", "waiting_approval"]),
      ),
    );
}

export type RunResult =
  | { status: "completed"; output: Record<string, unknown> }
  | { status: "failed"; error: { code: string; message: string; nodeId?: string } };

/**
 * The run's last write: its status and output or error, the nodes that never ran marked skipped,
 * and `workflow.run_completed` / `workflow.run_failed`. Does nothing to a run that already ended.
 */
export async function finishWorkflowRun(ctx: Ctx, runId: string, result: RunResult): Promise<boolean> {
  const run = await lockRun(ctx, runId);
  if (!run || !isActive(run)) return false;
  const now = new Date();
  await ctx.tx
    .update(workflowNodeRuns)
    .set({ state: "skipped", updatedAt: now })
    .where(
      and(eq(workflowNodeRuns.tenantId, ctx.tenant.id), eq(workflowNodeRuns.workflowRunId, runId), eq(workflowNodeRuns.state, "pending")),
    );
  await ctx.tx
    .update(workflowRuns)
    .set(
      result.status === "completed"
        ? { status: "completed", output: result.output, completedAt: now }
        : { status: "failed", error: result.error, completedAt: now },
    )
    .where(and(eq(workflowRuns.tenantId, ctx.tenant.id), eq(workflowRuns.id, runId)));
  if (result.status === "completed") {
    await emitEvent(ctx, "workflow.run_completed", { workflowRunId: runId, workflowId: run.workflowId });
  } else {
    await emitEvent(ctx, "workflow.run_failed", {
      workflowRunId: runId,
      workflowId: run.workflowId,
      code: result.error.code,
      nodeId: result.error.nodeId ?? null,
    });
  }
  return true;
}
