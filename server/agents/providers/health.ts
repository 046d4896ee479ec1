import type { BreakerState } from "./breaker";

/**
 * Provider health from recent run steps, per provider + model: how many calls, how many failed,
 * and the p50/p95 latency of those that answered. Pure: the query (get-provider-health.ts) hands
 * it rows.
 *
 * What the steps mean (the runs engine records each attempt once):
 * - `model_call` `ok`: the model answered — a success, its latency counted;
 * - `model_call` `error`: the last model failed and the run failed with it — a failure;
 * - `fallback`: a model failed (or timed out) and the run moved on — a failure; unless its
 *   `detail.reason` is `circuit_open`: the model was skipped without a call — counted apart.
 */

export type HealthSample = {
  provider: string;
  model: string;
  kind: "model_call" | "fallback";
  status: string;
  latencyMs: number;
  reason?: string | null;
  completedAt: Date;
};

export type ProviderHealth = {
  provider: string;
  model: string;
  calls: number;
  errors: number;
  /** errors / calls, 0..1 (0 with no calls). */
  errorRate: number;
  /** Attempts skipped because the provider's circuit breaker was open. */
  skipped: number;
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  lastErrorAt: string | null;
  /** The breaker for this tenant and provider, as this server sees it now. */
  circuit: BreakerState;
};

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function aggregateProviderHealth(
  samples: HealthSample[],
  circuitOf: (provider: string) => BreakerState = () => "closed",
): ProviderHealth[] {
  const groups = new Map<
    string,
    { provider: string; model: string; latencies: number[]; errors: number; skipped: number; lastError: Date | null }
  >();
  for (const s of samples) {
    const key = `${s.provider}\0${s.model}`;
    let group = groups.get(key);
    if (!group) {
      group = { provider: s.provider, model: s.model, latencies: [], errors: 0, skipped: 0, lastError: null };
      groups.set(key, group);
    }
    if (s.kind === "fallback" && s.reason === "circuit_open") {
      group.skipped++;
      continue;
    }
    const failed = s.kind === "fallback" || s.status !== "ok";
    if (failed) {
      group.errors++;
      if (!group.lastError || s.completedAt > group.lastError) group.lastError = s.completedAt;
    } else group.latencies.push(s.latencyMs);
  }
  return [...groups.values()]
    .map((g) => {
      const sorted = [...g.latencies].sort((a, b) => a - b);
      const calls = sorted.length + g.errors;
      return {
        provider: g.provider,
        model: g.model,
        calls,
        errors: g.errors,
        errorRate: calls === 0 ? 0 : g.errors / calls,
        skipped: g.skipped,
        p50LatencyMs: percentile(sorted, 50),
        p95LatencyMs: percentile(sorted, 95),
        lastErrorAt: g.lastError?.toISOString() ?? null,
        circuit: circuitOf(g.provider),
      };
    })
    .sort((a, b) => b.calls + b.skipped - (a.calls + a.skipped) || a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
}
