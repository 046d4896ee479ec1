import { z } from "zod";
import { createRunInput, idempotencyKeyFrom } from "../../runs/create-run-input";
import { runDto, runStepDto } from "../../runs/dto";
import { sweepTenantRuns } from "../../runs/fail-stale-runs";
import { getRun } from "../../runs/get-run";
import { listRuns, listRunsInput } from "../../runs/list-runs";
import { startRun } from "../../runs/start-run";
import { runInTenant } from "../../tenancy/tenant-context";
import { createTRPCRouter, tenantAccessProcedure, tenantProcedure } from "../init";

export const runsRouter = createTRPCRouter({
  /**
   * Runs an agent and answers when it has finished. No transaction wraps it (the verb opens its
   * own short ones around the model's wait). The streamed form of the same route is
   * app/api/v1/agents/[id]/runs (Server-Sent Events); here `stream` only says how it is stored.
   */
  create: tenantAccessProcedure
    .meta({
      permission: "run:create",
      openapi: { method: "POST", path: "/agents/{id}/runs", tags: ["runs"], summary: "Run an agent", protect: true },
    })
    .input(createRunInput)
    .output(runDto)
    .mutation(({ ctx, input }) =>
      startRun(ctx.domain, ctx.access, {
        agentId: input.id,
        input: input.input,
        conversationId: input.conversationId,
        idempotencyKey: idempotencyKeyFrom(ctx.idempotencyKey),
        stream: false,
      }),
    ),

  list: tenantAccessProcedure
    .meta({
      permission: "run:read",
      openapi: { method: "GET", path: "/runs", tags: ["runs"], summary: "List runs", protect: true },
    })
    .input(listRunsInput)
    .output(z.object({ items: z.array(runDto), nextCursor: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      await sweepTenantRuns(ctx.domain, ctx.access);
      return runInTenant(ctx.domain, ctx.access, (tenantCtx) => listRuns(tenantCtx, input), { readOnly: true });
    }),

  get: tenantProcedure
    .meta({
      permission: "run:read",
      openapi: { method: "GET", path: "/runs/{id}", tags: ["runs"], summary: "Get a run with its steps", protect: true },
    })
    .input(z.object({ id: z.uuid() }))
    .output(runDto.extend({ steps: z.array(runStepDto), incidentIds: z.array(z.uuid()) }))
    .query(({ ctx, input }) => getRun(ctx.tenantCtx, input)),
});
