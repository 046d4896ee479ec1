import { isDeepStrictEqual } from "node:util";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { workflowNodeRuns, workflowRuns } from "@/db/schema";
import { ConflictError, PayloadTooLargeError } from "../errors";
import { emitEvent } from "../events/emit-event";
import type { TenantContext } from "../request-context";
import { runActor } from "../runs/actor";
import { toWorkflowRunDto, type WorkflowRunDto } from "./dto";
import { loadWorkflow } from "./load-workflow";

export const MAX_RUN_INPUT_BYTES = 64 * 1024;

export const runInputSchema = z.record(z.string(), z.unknown());

export const startWorkflowRunInput = z.object({ id: z.uuid(), input: runInputSchema.default({}) });

export type StartWorkflowRunOptions = { idempotencyKey?: string | null; trigger?: "webhook" };

/**
 * Queues a run of the workflow's current version: the run row, a pending row per node, and the
 * `workflow.run_requested` event that sets the engine going — one transaction, so a run is
 * never queued without its event, nor the event sent for a run that does not exist. The same
 * Idempotency-Key from the same caller returns the same run.
 */
export async function startWorkflowRun(
  ctx: TenantContext,
  input: z.input<typeof startWorkflowRunInput>,
  options: StartWorkflowRunOptions = {},
): Promise<WorkflowRunDto> {
  const { id, input: runInput } = startWorkflowRunInput.parse(input);
  if (Buffer.byteLength(JSON.stringify(runInput), "utf8") > MAX_RUN_INPUT_BYTES) throw new PayloadTooLargeError(MAX_RUN_INPUT_BYTES);
  const { row: workflow, definition } = await loadWorkflow(ctx, id);
  const actor = runActor(ctx.principal);
  const key = options.idempotencyKey?.trim() || null;
  if (key) {
    const [existing] = await ctx.tx
      .select()
      .from(workflowRuns)
      .where(
        and(
          eq(workflowRuns.tenantId, ctx.tenant.id),
          eq(workflowRuns.workflowId, workflow.id),
          eq(workflowRuns.actorId, actor.actorId),
          eq(workflowRuns.idempotencyKey, key),
        ),
      )
      .limit(1);
    if (existing) {
      // jsonb reorders keys: compare values, not text.
      if (!isDeepStrictEqual(existing.input, runInput)) {
        throw new ConflictError(
          "This Idempotency-Key was already used for a different request; use a new key for a new request.",
          "idempotency_conflict",
        );
      }
      return toWorkflowRunDto(existing, workflow.name);
    }
  }
  const [run] = await ctx.tx
    .insert(workflowRuns)
    .values({
      tenantId: ctx.tenant.id,
      workflowId: workflow.id,
      version: workflow.currentVersion,
      input: runInput,
      trigger: options.trigger ?? actor.actorType,
      actorId: actor.actorId,
      idempotencyKey: key,
      correlationId: ctx.meta.correlationId ?? ctx.meta.requestId,
    })
    .returning();
  await ctx.tx
    .insert(workflowNodeRuns)
    .values(definition.nodes.map((node) => ({ tenantId: ctx.tenant.id, workflowRunId: run!.id, nodeId: node.id, kind: node.kind })));
  await emitEvent(ctx, "workflow.run_requested", {
    workflowRunId: run!.id,
    workflowId: workflow.id,
    version: workflow.currentVersion,
    trigger: run!.trigger,
  });
  return toWorkflowRunDto(run!, workflow.name);
}
