import type { Tx } from "@/db";
import type { EngineRun } from "@/db/schema/engine";
import { acceptEvents } from "./accept-events";
import { callFunction, type SdkEvent } from "./call-sdk";
import type { DriverContext } from "./context";
import { applyOutcome, nextStep, resolveDue, resolveWait, schedule, type RunState } from "./run-state";
import { renewLease, resolvedWaits, saveRun, stateOf } from "./store";

/** How many calls one lease makes before handing the run back to the queue (fairness between runs). */
const CALLS_PER_LEASE = 16;

export const FUNCTION_FAILED = "inngest/function.failed";

/**
 * After the last attempt Inngest emits `inngest/function.failed` (what a dead-letter function or
 * an `onFailure` handler is triggered by); the driver does the same, in the transaction that
 * records the failure, with an id derived from the run so it is created once. A failure of a run
 * that was itself handling a failure emits nothing (no loops).
 */
async function emitFailed(tx: Tx, ctx: DriverContext, run: EngineRun, state: RunState, now: number) {
  const trigger = run.events[0] as SdkEvent | undefined;
  if (trigger?.name === FUNCTION_FAILED) return;
  const event: SdkEvent = {
    id: `failed:${run.id}`,
    name: FUNCTION_FAILED,
    data: { function_id: run.functionId, run_id: run.id, error: state.error ?? null, event: trigger ?? null },
    ts: now,
  };
  await acceptEvents(tx, ctx.registry.specs.values(), [event], now);
}

/** Runs a leased run forward: calls the SDK, applies each answer, saves it, until it must wait. */
export async function executeRun(ctx: DriverContext, run: EngineRun): Promise<void> {
  const spec = ctx.registry.specs.get(run.functionId);
  const state = stateOf(run);
  const save = (release: boolean) =>
    ctx.scopes.withEngine(async (tx) => {
      const now = ctx.clock.now();
      const saved = await saveRun(tx, run.id, ctx.owner, state, now, release);
      if (saved && state.status === "failed") await emitFailed(tx, ctx, run, state, now);
      return saved;
    });
  if (!spec) {
    Object.assign(state, {
      status: "failed",
      error: { message: `Function ${run.functionId} is not served here` },
      pending: [],
      nextAt: null,
    });
    await save(true);
    return;
  }
  let leaseLost = false;
  const heartbeat = setInterval(
    () => {
      void ctx.scopes
        .withEngine((tx) => renewLease(tx, run.id, ctx.owner, ctx.clock.now() + ctx.leaseMs))
        .then((held) => void (leaseLost ||= !held))
        .catch(() => {});
    },
    Math.max(50, Math.floor(ctx.leaseMs / 3)),
  );
  try {
    for (let call = 0; call < CALLS_PER_LEASE && !leaseLost; call++) {
      const now = ctx.clock.now();
      const resolved = await ctx.scopes.withEngine((tx) => resolvedWaits(tx, run.id));
      for (const [stepId, event] of resolved) resolveWait(state, stepId, event);
      resolveDue(state, now);
      const step = nextStep(state);
      if (!step) {
        schedule(state, now);
        await save(true);
        return;
      }
      const outcome = await callFunction(
        { handler: ctx.registry.handler, signingKey: ctx.signingKey },
        {
          functionId: spec.id,
          stepId: step,
          runId: run.id,
          attempt: state.attempt,
          maxAttempts: spec.maxAttempts,
          events: run.events as SdkEvent[],
          steps: state.steps,
          stack: state.stack,
        },
      );
      const after = ctx.clock.now();
      applyOutcome(state, step, outcome, after, spec.maxAttempts);
      if (outcome.kind === "error" && state.status !== "failed")
        ctx.log("warn", { runId: run.id, functionId: spec.id, attempt: state.attempt }, "function call failed; retrying");
      const more = state.status === "queued" && state.nextAt !== null && state.nextAt <= after && call + 1 < CALLS_PER_LEASE;
      if (!(await save(!more)) || !more) return;
    }
    await save(true);
  } finally {
    clearInterval(heartbeat);
  }
}
