import type { EngineRunStatus, PendingOp, StepMemo } from "@/db/schema/engine";
import { retryDelayMs } from "./backoff";
import type { CallOutcome, SdkOp } from "./call-sdk";
import { dueAt } from "./time-string";

/**
 * A run's durable state and the pure rules that move it: given what the SDK answered, what is
 * memoised, what is still pending and when the run is next due. No I/O here (store.ts saves it).
 */
export type RunState = {
  status: EngineRunStatus;
  attempt: number;
  steps: Record<string, StepMemo>;
  stack: string[];
  pending: PendingOp[];
  nextAt: number | null;
  output?: unknown;
  error?: unknown;
};

/** Ops the driver cannot serve (no Inngest API here): the run fails with a clear error rather than hanging. */
const UNSUPPORTED = new Set(["InvokeFunction", "AIGateway", "Gateway", "WaitForSignal", "StepNotFound"]);

/** The pending "step" whose id is `step`: ask the SDK what comes next (the spec's stepId=step). */
export const DISCOVER = "step";

function memoise(state: RunState, id: string, memo: StepMemo) {
  state.steps[id] = memo;
  if (!state.stack.includes(id)) state.stack.push(id);
  state.pending = state.pending.filter((p) => p.id !== id);
  // Something resolved: the function can get further, so ask it again.
  if (!state.pending.some((p) => p.id === DISCOVER)) state.pending.push({ kind: "step", id: DISCOVER });
}

function addPending(state: RunState, op: PendingOp) {
  // Discovery reports unresolved ops again: keep the first report (its due time) and memoised results.
  if (state.steps[op.id] || state.pending.some((p) => p.id === op.id)) return;
  state.pending.push(op);
}

/** A wait the dispatcher satisfied: its step's result is the matching event (spec 5.3.3). */
export function resolveWait(state: RunState, id: string, event: unknown) {
  if (state.pending.some((p) => p.id === id && p.kind === "wait")) memoise(state, id, { type: "data", data: event });
}

/** Sleeps and wait timeouts due at `now` resolve to `null` (spec 5.3.2/5.3.3); returns the timed-out waits. */
export function resolveDue(state: RunState, now: number): PendingOp[] {
  const due = state.pending.filter((p) => (p.kind === "sleep" && p.at <= now) || (p.kind === "wait" && p.timeoutAt <= now));
  for (const p of due) memoise(state, p.id, { type: "data", data: null });
  return due;
}

/** Where the run stands once its pending list changed: runnable now, sleeping, or waiting. */
export function schedule(state: RunState, now: number) {
  if (state.pending.length === 0) state.pending.push({ kind: "step", id: DISCOVER });
  if (state.pending.some((p) => p.kind === "step")) {
    state.status = "queued";
    state.nextAt = now;
    return;
  }
  const times = state.pending.map((p) => (p.kind === "sleep" ? p.at : p.kind === "wait" ? p.timeoutAt : now));
  state.nextAt = Math.min(...times);
  state.status = state.pending.some((p) => p.kind === "wait") ? "waiting" : "sleeping";
}

function fail(state: RunState, error: unknown) {
  state.status = "failed";
  state.error = error;
  state.pending = [];
  state.nextAt = null;
}

function retry(state: RunState, now: number, retryAfter: string | null, maxAttempts: number, error: unknown) {
  if (state.attempt + 1 >= maxAttempts) return fail(state, error);
  state.nextAt = now + retryDelayMs(state.attempt, retryAfter, now);
  state.attempt += 1;
  state.status = "queued";
}

function applyOp(state: RunState, op: SdkOp, now: number, retryAfter: string | null, maxAttempts: number): boolean {
  switch (op.op) {
    case "StepRun":
    case "Step":
      memoise(state, op.id, { type: "data", data: op.data ?? null });
      state.attempt = 0;
      return true;
    case "StepFailed":
      memoise(state, op.id, { type: "error", error: op.error ?? op.data ?? { message: "step failed" } });
      state.attempt = 0;
      return true;
    case "StepError":
      addPending(state, { kind: "step", id: op.id });
      retry(state, now, retryAfter, maxAttempts, op.error);
      return false;
    case "StepPlanned":
      addPending(state, { kind: "step", id: op.id });
      return true;
    case "Sleep":
      addPending(state, { kind: "sleep", id: op.id, at: dueAt(String(op.name), now) });
      return true;
    case "WaitForEvent": {
      const opts = op.opts ?? {};
      const expr = typeof opts.if === "string" ? opts.if : null;
      addPending(state, { kind: "wait", id: op.id, event: String(op.name), expr, timeoutAt: dueAt(String(opts.timeout ?? "0s"), now) });
      return true;
    }
    default:
      fail(state, {
        name: "UnsupportedByDriver",
        message: UNSUPPORTED.has(op.op) ? `The in-process driver does not support ${op.op}` : `Unknown op ${op.op}`,
      });
      return false;
  }
}

/** Applies the outcome of calling `calledStep` (mutates `state`). */
export function applyOutcome(state: RunState, calledStep: string, outcome: CallOutcome, now: number, maxAttempts: number): void {
  if (outcome.kind === "done") {
    state.status = "completed";
    state.output = outcome.output;
    state.pending = [];
    state.nextAt = null;
    return;
  }
  if (outcome.kind === "error") {
    if (outcome.noRetry) return fail(state, outcome.error);
    return retry(state, now, outcome.retryAfter, maxAttempts, outcome.error);
  }
  if (calledStep === DISCOVER) state.pending = state.pending.filter((p) => p.id !== DISCOVER);
  for (const op of outcome.ops) {
    if (!applyOp(state, op, now, outcome.retryAfter, maxAttempts)) return;
  }
  schedule(state, now);
}

/** What to ask the SDK next: a planned step first, then discovery; null when nothing is runnable now. */
export function nextStep(state: RunState): string | null {
  const steps = state.pending.filter((p) => p.kind === "step");
  return (steps.find((p) => p.id !== DISCOVER) ?? steps[0])?.id ?? null;
}
