import { and, desc, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import { z } from "zod";
import { agents, runs, runSteps } from "@/db/schema";
import { NotFoundError } from "../../errors";
import type { TenantContext } from "../../request-context";
import { breakerKey, breakers } from "./breaker";
import { aggregateProviderHealth, type HealthSample } from "./health";

export const providerHealthInput = z.object({
  id: z.uuid(),
  windowHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24)
    .describe("How far back to look, in hours"),
});

export const providerHealthDto = z
  .object({
    since: z.iso.datetime(),
    sampled: z.number().int().describe("Steps read (at most the most recent 2,000)"),
    items: z.array(
      z.object({
        provider: z.string(),
        model: z.string(),
        calls: z.number().int(),
        errors: z.number().int(),
        errorRate: z.number(),
        skipped: z.number().int().describe("Attempts skipped because the circuit breaker was open"),
        p50LatencyMs: z.number().nullable(),
        p95LatencyMs: z.number().nullable(),
        lastErrorAt: z.iso.datetime().nullable(),
        circuit: z.enum(["closed", "open", "half_open"]),
      }),
    ),
  })
  .meta({ id: "ProviderHealth" });

const MAX_SAMPLES = 2000;

/** Each provider + model's error rate and latency over the agent's recent runs (newest 2,000 steps at most). */
export async function getProviderHealth(
  ctx: TenantContext,
  input: { id: string; windowHours?: number },
): Promise<z.infer<typeof providerHealthDto>> {
  const [agent] = await ctx.tx
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.tenantId, ctx.tenant.id), eq(agents.id, input.id)))
    .limit(1);
  if (!agent) throw new NotFoundError("Agent");
  const since = new Date(Date.now() - (input.windowHours ?? 24) * 3_600_000);
  const rows = await ctx.tx
    .select({
      provider: runSteps.provider,
      model: runSteps.model,
      kind: runSteps.kind,
      status: runSteps.status,
      latencyMs: runSteps.latencyMs,
      reason: sql<string | null>`${runSteps.detail} ->> 'reason'`,
      completedAt: runSteps.completedAt,
    })
    .from(runSteps)
    .innerJoin(runs, and(eq(runs.tenantId, runSteps.tenantId), eq(runs.id, runSteps.runId)))
    .where(
      and(
        eq(runSteps.tenantId, ctx.tenant.id),
        eq(runs.agentId, input.id),
        inArray(runSteps.kind, ["model_call", "fallback"]),
        isNotNull(runSteps.provider),
        gte(runSteps.completedAt, since),
      ),
    )
    .orderBy(desc(runSteps.completedAt))
    .limit(MAX_SAMPLES);
  const samples: HealthSample[] = rows.map((r) => ({
    provider: r.provider!,
    model: r.model ?? "",
    kind: r.kind as HealthSample["kind"],
    status: r.status,
    latencyMs: r.latencyMs,
    reason: r.reason,
    completedAt: r.completedAt,
  }));
  const now = Date.now();
  return {
    since: since.toISOString(),
    sampled: rows.length,
    items: aggregateProviderHealth(samples, (provider) => breakers.peek(breakerKey(ctx.tenant.id, provider), now)),
  };
}
