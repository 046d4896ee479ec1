import { runSteps, type RunStepKind } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { toRunStepDto, type RunStepDto } from "./dto";

export type StepInput = {
  kind: RunStepKind;
  status: string;
  name?: string | null;
  provider?: string | null;
  model?: string | null;
  detail?: Record<string, unknown> | null;
  inputTokens?: number;
  outputTokens?: number;
  costMicros?: number;
  latencyMs?: number;
  startedAt: Date;
};

/** Inserts one step of run `runId` at `ordinal` in the caller's (short) transaction. */
export async function insertStep(ctx: TenantContext, runId: string, ordinal: number, step: StepInput): Promise<RunStepDto> {
  const [row] = await ctx.tx
    .insert(runSteps)
    .values({
      tenantId: ctx.tenant.id,
      runId,
      ordinal,
      kind: step.kind,
      status: step.status,
      name: step.name ?? null,
      provider: step.provider ?? null,
      model: step.model ?? null,
      detail: step.detail ?? null,
      inputTokens: step.inputTokens ?? 0,
      outputTokens: step.outputTokens ?? 0,
      costMicros: Math.round(step.costMicros ?? 0),
      latencyMs: Math.max(0, Math.round(step.latencyMs ?? 0)),
      startedAt: step.startedAt,
    })
    .returning();
  return toRunStepDto(row!);
}
