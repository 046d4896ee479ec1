import { and, eq } from "drizzle-orm";
import { agents, runs } from "@/db/schema";
import type { Candidate } from "@/server/agents/providers";
import { updateBaseline, type OutputBaseline, type Verdict } from "@/server/guard";
import type { DomainContext } from "../request-context";
import { runInTenant, type TenantAccess } from "../tenancy/tenant-context";
import { runActor } from "./actor";
import { toRunDto, type RunDto, type RunStepDto } from "./dto";
import { guardStepStatus, lowestTrust, summariseVerdict, worstRisk } from "./guard-summary";
import type { Totals } from "./model-loop";
import { reportGuardFindings } from "./ports";
import type { PreparedRun } from "./begin-run";
import { emitRunEnded } from "./outbox";
import { insertStep } from "./record-step";

export type Finished = { run: RunDto; outputStep: RunStepDto };

function blockedMessage(verdict: Verdict): string {
  const reasons = [...new Set(verdict.findings.filter((f) => f.detector).map((f) => `${f.detector}: ${f.reason}`))].slice(0, 3).join("; ");
  return `The guard stopped the answer${reasons ? ` (${reasons})` : ""}; nothing after the last checked text was sent.`;
}

/**
 * The run's last, short transaction: the output guard's step, the run's final state (status,
 * the output as checked — redacted where the policy redacts —, risk, trust, tokens, cost,
 * latency), an incident for what the guard flagged, redacted or blocked, and the agent's output
 * baseline moved by a completed answer (the anomaly detector's picture of "normal").
 */
export async function finishRun(
  deps: DomainContext,
  access: TenantAccess,
  prepared: PreparedRun,
  result: {
    verdict: Verdict;
    output: string | null;
    /** Everything the model said (the verdict's offsets point into it): for the incident's evidence only. */
    seen: string;
    blocked: boolean;
    served: Candidate | null;
    totals: Totals;
    ordinal: number;
  },
): Promise<Finished> {
  const { run, agent, inputVerdict } = prepared;
  const { verdict, totals } = result;
  const outputSummary = summariseVerdict(verdict);
  const status = result.blocked ? ("blocked" as const) : ("completed" as const);
  return runInTenant(deps, access, async (ctx) => {
    const outputStep = await insertStep(ctx, run.id, result.ordinal, {
      kind: "output_guard",
      status: guardStepStatus(verdict.action),
      name: "output",
      detail: { ...outputSummary },
      latencyMs: verdict.latencyMs,
      startedAt: new Date(),
    });
    const [row] = await ctx.tx
      .update(runs)
      .set({
        status,
        output: result.output,
        error: result.blocked ? { code: "output_blocked", message: blockedMessage(verdict) } : null,
        riskLevel: worstRisk(inputVerdict.riskLevel, verdict.riskLevel),
        trustScore: lowestTrust(inputVerdict.trustScore, verdict.trustScore),
        guard: { input: summariseVerdict(inputVerdict), output: outputSummary },
        provider: result.served?.provider ?? null,
        model: result.served?.model ?? null,
        inputTokens: totals.inputTokens,
        outputTokens: totals.outputTokens,
        costMicros: Math.round(totals.costMicros),
        latencyMs: Date.now() - prepared.startedAt,
        completedAt: new Date(),
      })
      .where(and(eq(runs.tenantId, ctx.tenant.id), eq(runs.id, run.id)))
      .returning();
    if (verdict.action !== "allow") {
      const actor = runActor(access.principal);
      await reportGuardFindings(ctx, {
        runId: run.id,
        agentId: agent.id,
        apiKeyId: actor.apiKeyId,
        userId: actor.userId,
        direction: "output",
        verdict,
        evidence: verdict.redacted,
        text: result.seen,
      });
    }
    if (status === "completed" && result.output) {
      const baseline = updateBaseline((agent.outputBaseline as OutputBaseline | null) ?? null, result.output);
      await ctx.tx
        .update(agents)
        .set({ outputBaseline: baseline as unknown as Record<string, unknown> })
        .where(and(eq(agents.tenantId, ctx.tenant.id), eq(agents.id, agent.id)));
    }
    await emitRunEnded(ctx, row!);
    return { run: toRunDto(row!, agent.name), outputStep };
  });
}
