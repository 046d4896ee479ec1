import { and, eq, sql } from "drizzle-orm";
import { agents, runs, type Run } from "@/db/schema";
import type { ChatMessage } from "@/server/agents/providers";
import { resolvePolicy, scan, type GuardPolicy, type PolicyOverride, type Verdict } from "@/server/guard";
import { admitted } from "../billing/quotas";
import { admitRun } from "../billing/quotas-run";
import { ConflictError, PayloadTooLargeError } from "../errors";
import type { DomainContext, TenantContext } from "../request-context";
import { runInTenant, type TenantAccess } from "../tenancy/tenant-context";
import { runActor } from "./actor";
import { conversationHistory } from "./conversation";
import { toRunDto, type RunDto, type RunStepDto } from "./dto";
import { guardStepStatus, summariseVerdict } from "./guard-summary";
import { MAX_INPUT_BYTES } from "./limits";
import { loadRunAgent, type RunAgent } from "./ports";
import { getTenantPolicy, reportGuardFindings } from "./ports";
import { emitRunEnded, emitRunRequested } from "./outbox";
import { insertStep } from "./record-step";
import { runRequestHash } from "./request-hash";
import { storedInput } from "./stored-text";

export type StartRunInput = {
  agentId: string;
  input: string;
  conversationId?: string;
  /** `Idempotency-Key`: the same key and request from the same caller is the same run. */
  idempotencyKey?: string | null;
  stream: boolean;
};

/** A run that passed the input guard: everything the model loop needs, read in the first transaction. */
export type PreparedRun = {
  run: RunDto;
  agent: RunAgent;
  policy: GuardPolicy;
  history: ChatMessage[];
  /** What the model is given: the input, or its redacted form when the policy redacts. */
  modelInput: string;
  inputVerdict: Verdict;
  inputStep: RunStepDto;
  startedAt: number;
};

export type BeginResult =
  /** The Idempotency-Key named a run that already finished: the caller gets it, nothing runs again. */
  | { kind: "existing"; run: RunDto }
  /** The input guard stopped it: stored as `blocked`, the model never called. */
  | { kind: "blocked"; run: RunDto; inputStep: RunStepDto }
  | { kind: "ready"; prepared: PreparedRun };

function assertInputSize(input: string) {
  if (Buffer.byteLength(input, "utf8") > MAX_INPUT_BYTES) throw new PayloadTooLargeError(MAX_INPUT_BYTES);
}

/** What a repeated Idempotency-Key gets: the same run, or a conflict saying why not. */
function replay(existing: Run, requestHash: string, agentName: string | null): BeginResult {
  if (existing.requestHash !== requestHash) {
    throw new ConflictError(
      "This Idempotency-Key was already used for a different request; use a new key for a new request.",
      "idempotency_conflict",
    );
  }
  if (existing.status === "running") {
    throw new ConflictError("A run with this Idempotency-Key is still running; ask again when it has finished.", "run_in_progress", {
      runId: existing.id,
    });
  }
  return { kind: "existing", run: toRunDto(existing, agentName) };
}

async function findByKey(ctx: TenantContext, actorId: string, key: string): Promise<{ run: Run; agentName: string | null } | undefined> {
  const [row] = await ctx.tx
    .select({ run: runs, agentName: agents.name })
    .from(runs)
    .leftJoin(agents, and(eq(agents.tenantId, runs.tenantId), eq(agents.id, runs.agentId)))
    .where(and(eq(runs.tenantId, ctx.tenant.id), eq(runs.actorId, actorId), eq(runs.idempotencyKey, key)))
    .limit(1);
  return row;
}

function blockedMessage(verdict: Verdict): string {
  const reasons = [...new Set(verdict.findings.map((f) => `${f.detector}: ${f.reason}`))].slice(0, 3).join("; ");
  return `The guard blocked this input${reasons ? ` (${reasons})` : ""}. It was not sent to the model.`;
}

/**
 * The run's first, short transaction — nothing in it waits on the network:
 *   - a repeated Idempotency-Key answers from the stored run (or 409);
 *   - the agent must exist here and be runnable; the tenant's and the agent's policies resolve;
 *   - the plan's run quotas and the calling key's budgets admit it (server/billing/quotas-run.ts):
 *     over quota, a 402 and nothing written;
 *   - the run row is inserted `running` (the partial unique index on the key settles a race
 *     between two identical requests: the loser finds the winner's run);
 *   - the input guard runs (pure, microseconds) and its step is stored; a blocked input ends the
 *     run here, with an incident, before any model is called.
 *
 * Runs are their own record (who, when, what, and every step), so starting one writes no audit
 * row; what the guard stops or flags is audited through the incident it opens or joins.
 */
export async function beginRun(deps: DomainContext, access: TenantAccess, input: StartRunInput): Promise<BeginResult> {
  assertInputSize(input.input);
  const startedAt = Date.now();
  const actor = runActor(access.principal);
  const requestHash = runRequestHash(input);
  const key = input.idempotencyKey?.trim() || null;
  return runInTenant(deps, access, async (ctx) => {
    if (key) {
      const existing = await findByKey(ctx, actor.actorId, key);
      if (existing) return replay(existing.run, requestHash, existing.agentName);
    }
    const agent = await loadRunAgent(ctx, input.agentId);
    const policy = resolvePolicy(await getTenantPolicy(ctx), agent.config.guardPolicy as PolicyOverride | null);
    const history = await conversationHistory(ctx, agent.id, input.conversationId);
    // The quota door, last before the insert so the quota lock is held as briefly as possible.
    const door = await admitRun(ctx, {
      apiKeyId: actor.apiKeyId,
      replay: async () => {
        const twin = key ? await findByKey(ctx, actor.actorId, key) : undefined;
        return twin ? replay(twin.run, requestHash, twin.agentName) : undefined;
      },
    });
    if ("replayed" in door) return door.replayed;
    const inserted = await ctx.tx
      .insert(runs)
      .values({
        tenantId: ctx.tenant.id,
        agentId: agent.id,
        agentVersion: agent.version,
        conversationId: input.conversationId ?? null,
        status: "running",
        input: input.input,
        streamed: input.stream,
        ...actor,
        idempotencyKey: key,
        requestHash,
      })
      .onConflictDoNothing({
        target: [runs.tenantId, runs.actorId, runs.idempotencyKey],
        where: sql`idempotency_key is not null`,
      })
      .returning();
    let row = inserted[0];
    if (!row) {
      // A concurrent request with the same key committed first (the insert waited for it).
      const winner = await findByKey(ctx, actor.actorId, key!);
      if (!winner) throw new ConflictError("A run with this Idempotency-Key is being created; try again.", "run_in_progress");
      return replay(winner.run, requestHash, winner.agentName);
    }
    await emitRunRequested(ctx, row);
    await admitted(ctx, door.admission);

    const verdict = scan(input.input, { direction: "input", policy, context: { canaries: [agent.canary] } });
    const summary = summariseVerdict(verdict);
    const inputStep = await insertStep(ctx, row.id, 1, {
      kind: "input_guard",
      status: guardStepStatus(verdict.action),
      name: "input",
      detail: { ...summary },
      latencyMs: verdict.latencyMs,
      startedAt: new Date(startedAt),
    });
    if (verdict.action !== "allow") {
      await reportGuardFindings(ctx, {
        runId: row.id,
        agentId: agent.id,
        apiKeyId: actor.apiKeyId,
        userId: actor.userId,
        direction: "input",
        verdict,
        evidence: verdict.redacted,
        text: input.input,
      });
    }
    // A redacted input is what the model sees; what is kept masks the personal data and secrets (stored-text.ts).
    const modelInput = verdict.action === "redact" ? verdict.redacted : input.input;
    if (verdict.action === "block" || verdict.action === "redact") {
      const blocked = verdict.action === "block";
      [row] = await ctx.tx
        .update(runs)
        .set({
          input: storedInput(input.input, verdict, policy),
          riskLevel: verdict.riskLevel,
          trustScore: Math.round(verdict.trustScore),
          guard: { input: summary },
          ...(blocked
            ? {
                status: "blocked" as const,
                error: { code: "input_blocked", message: blockedMessage(verdict) },
                completedAt: new Date(),
                latencyMs: Date.now() - startedAt,
              }
            : {}),
        })
        .where(and(eq(runs.tenantId, ctx.tenant.id), eq(runs.id, row.id)))
        .returning();
      if (blocked) {
        await emitRunEnded(ctx, row!);
        return { kind: "blocked", run: toRunDto(row!, agent.name), inputStep };
      }
    }
    return {
      kind: "ready",
      prepared: {
        run: toRunDto(row!, agent.name),
        agent,
        policy,
        history,
        modelInput,
        inputVerdict: verdict,
        inputStep,
        startedAt,
      },
    };
  });
}
