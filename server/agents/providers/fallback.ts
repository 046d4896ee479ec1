import { breakerKey, breakers, type BreakerStore } from "./breaker";
import { ProviderError, type ProviderErrorKind } from "./errors";
import type { ModelEvent, ProviderId } from "./types";

/**
 * Runs a model call down an agent's list of models: the primary first, then each fallback. A
 * candidate whose provider's breaker is open for this tenant is skipped; one that errors or
 * times out before it has produced anything is counted against its breaker and the next one is
 * tried. Every skip and failure is yielded as a `fallback` event, which the runs engine records as
 * a `fallback` step; a `serving` event says which model answered, just before its first event.
 *
 * Once a model has streamed output, a failure is final (its failure still counts): the text has
 * been released, and a second model would answer over it. The caller's own abort is never a
 * provider failure: it is rethrown as it is and counts nowhere.
 */

export type Candidate = { provider: ProviderId; model: string; credentialId?: string | null };

export type FallbackReason = ProviderErrorKind | "circuit_open" | "unavailable";

export type FallbackStep = {
  type: "fallback";
  candidate: Candidate;
  reason: FallbackReason;
  /** Safe to show and store: no key, no vendor body beyond a short scrubbed message. */
  message: string;
  status: number | null;
  latencyMs: number;
  /** The model the run moves to, or null when none is left. */
  next: Candidate | null;
};

export type FallbackEvent = ModelEvent | FallbackStep | { type: "serving"; candidate: Candidate; index: number };

export type Attempt = (candidate: Candidate) => AsyncIterable<ModelEvent> | Promise<AsyncIterable<ModelEvent>>;

/** Every candidate failed or was skipped. `kind` is that of the last real failure. */
export class AllModelsFailedError extends ProviderError {
  readonly attempts: FallbackStep[];
  constructor(attempts: FallbackStep[]) {
    const last = [...attempts].reverse().find((a) => a.reason !== "circuit_open" && a.reason !== "unavailable");
    const kind: ProviderErrorKind = last ? (last.reason as ProviderErrorKind) : "network";
    const message =
      attempts.length === 0
        ? "No model is configured."
        : last
          ? `Every model failed; the last: ${last.message}`
          : "Every model is unavailable right now (their circuit breakers are open); try again shortly.";
    super(kind, message, { retryable: true, status: last?.status ?? undefined });
    this.name = "AllModelsFailedError";
    this.attempts = attempts;
  }
}

const label = (c: Candidate) => `${c.provider}/${c.model}`;

export async function* withFallback(
  tenantId: string,
  candidates: readonly Candidate[],
  attempt: Attempt,
  options: { signal?: AbortSignal; breaker?: BreakerStore; now?: () => number } = {},
): AsyncGenerator<FallbackEvent> {
  const breaker = options.breaker ?? breakers;
  const now = options.now ?? Date.now;
  const steps: FallbackStep[] = [];
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index]!;
    const next = candidates[index + 1] ?? null;
    const key = breakerKey(tenantId, candidate.provider);
    const { allowed } = breaker.acquire(key, now());
    if (!allowed) {
      const step: FallbackStep = {
        type: "fallback",
        candidate,
        reason: "circuit_open",
        message: `${label(candidate)} skipped: too many recent failures of ${candidate.provider} (circuit open)`,
        status: null,
        latencyMs: 0,
        next,
      };
      steps.push(step);
      yield step;
      continue;
    }
    const started = now();
    let emitted = false;
    let settled = false;
    try {
      const events = await attempt(candidate);
      for await (const event of events) {
        if (!emitted) {
          emitted = true;
          yield { type: "serving", candidate, index };
        }
        yield event;
      }
      if (!emitted) yield { type: "serving", candidate, index };
      breaker.recordSuccess(key, now());
      settled = true;
      return;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (error instanceof ProviderError) {
        breaker.recordFailure(key, now());
        settled = true;
      }
      if (emitted) throw error;
      const step: FallbackStep = {
        type: "fallback",
        candidate,
        reason: error instanceof ProviderError ? error.kind : "unavailable",
        message:
          error instanceof ProviderError
            ? error.message
            : `${label(candidate)} could not be used: ${error instanceof Error ? error.message : "unknown error"}`,
        status: error instanceof ProviderError ? (error.status ?? null) : null,
        latencyMs: Math.max(0, now() - started),
        next,
      };
      steps.push(step);
      yield step;
    } finally {
      // Abandoned (the consumer stopped reading, or a non-provider error): free a half-open probe.
      if (!settled) breaker.release(key);
    }
  }
  throw new AllModelsFailedError(steps);
}

/** An agent's models in the order a run tries them: the primary, then each fallback. */
export function candidatesOf(config: { model: Candidate; fallbacks: readonly Candidate[] }): Candidate[] {
  return [config.model, ...config.fallbacks].map((c) => ({ provider: c.provider, model: c.model, credentialId: c.credentialId ?? null }));
}

/**
 * A fallback event as a `run_steps` row's fields (kind `fallback`). The provider-health query
 * reads `provider`, `model`, `latency_ms` and `detail.reason` back (a `circuit_open` reason is a
 * skip, not a failed call), so the runs engine should record it through this.
 */
export function fallbackStepFields(step: FallbackStep) {
  return {
    kind: "fallback" as const,
    status: step.reason === "circuit_open" ? "skipped" : "error",
    name: `${step.candidate.provider}/${step.candidate.model}`,
    provider: step.candidate.provider,
    model: step.candidate.model,
    latencyMs: Math.round(step.latencyMs),
    detail: {
      reason: step.reason,
      message: step.message,
      status: step.status,
      next: step.next ? { provider: step.next.provider, model: step.next.model } : null,
    },
  };
}
