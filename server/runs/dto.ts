import { z } from "zod";
import { RISK_LEVELS, RUN_STATUSES, RUN_STEP_KINDS, type Run, type RunStep } from "@/db/schema";

/** What the guard concluded, as stored on a run and shown in its timeline: spans and scores, never the matched text. */
export const guardSummaryDto = z
  .object({
    action: z.enum(["allow", "flag", "redact", "block"]),
    riskLevel: z.enum(RISK_LEVELS),
    trustScore: z.number(),
    components: z.record(z.string(), z.number()),
    findings: z.array(
      z.object({
        detector: z.string(),
        type: z.string(),
        start: z.number(),
        end: z.number(),
        score: z.number(),
        severity: z.string(),
        reason: z.string(),
      }),
    ),
    latencyMs: z.number(),
  })
  .meta({ id: "GuardSummary" });

export type GuardSummary = z.infer<typeof guardSummaryDto>;

export const runErrorDto = z.object({ code: z.string(), message: z.string() });

export const runDto = z
  .object({
    id: z.uuid(),
    agentId: z.uuid(),
    agentName: z.string().nullable(),
    agentVersion: z.number().int(),
    conversationId: z.uuid().nullable(),
    status: z.enum(RUN_STATUSES),
    input: z.string(),
    output: z.string().nullable(),
    error: runErrorDto.nullable(),
    riskLevel: z.enum(RISK_LEVELS),
    trustScore: z.number().int().nullable(),
    guard: z.object({ input: guardSummaryDto.optional(), output: guardSummaryDto.optional() }).nullable(),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    costMicros: z.number().int(),
    latencyMs: z.number().int().nullable(),
    streamed: z.boolean(),
    actorType: z.enum(["user", "api_key", "system", "platform"]),
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Run" });

export type RunDto = z.infer<typeof runDto>;

export const runStepDto = z
  .object({
    id: z.uuid(),
    ordinal: z.number().int(),
    kind: z.enum(RUN_STEP_KINDS),
    status: z.string(),
    name: z.string().nullable(),
    provider: z.string().nullable(),
    model: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
    inputTokens: z.number().int(),
    outputTokens: z.number().int(),
    costMicros: z.number().int(),
    latencyMs: z.number().int(),
    startedAt: z.iso.datetime(),
    completedAt: z.iso.datetime(),
  })
  .meta({ id: "RunStep" });

export type RunStepDto = z.infer<typeof runStepDto>;

export function toRunDto(run: Run, agentName: string | null): RunDto {
  return {
    id: run.id,
    agentId: run.agentId,
    agentName,
    agentVersion: run.agentVersion,
    conversationId: run.conversationId,
    status: run.status,
    input: run.input,
    output: run.output,
    error: run.error ?? null,
    riskLevel: run.riskLevel,
    trustScore: run.trustScore,
    guard: (run.guard as RunDto["guard"]) ?? null,
    provider: run.provider,
    model: run.model,
    inputTokens: run.inputTokens,
    outputTokens: run.outputTokens,
    costMicros: run.costMicros,
    latencyMs: run.latencyMs,
    streamed: run.streamed,
    actorType: run.actorType,
    createdAt: run.createdAt.toISOString(),
    completedAt: run.completedAt?.toISOString() ?? null,
  };
}

export function toRunStepDto(step: RunStep): RunStepDto {
  return {
    id: step.id,
    ordinal: step.ordinal,
    kind: step.kind,
    status: step.status,
    name: step.name,
    provider: step.provider,
    model: step.model,
    detail: step.detail ?? null,
    inputTokens: step.inputTokens,
    outputTokens: step.outputTokens,
    costMicros: step.costMicros,
    latencyMs: step.latencyMs,
    startedAt: step.startedAt.toISOString(),
    completedAt: step.completedAt.toISOString(),
  };
}
