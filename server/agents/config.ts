import type { AgentConfig, AgentModelRef } from "@/db/schema";
import { TOOL_IDS } from "./config-schema";
import { GUARD_DETECTORS } from "./guard-policy-schema";

/**
 * One spelling per meaning, so that "did anything change?" is a comparison of values: tools in
 * registry order without repeats, collections sorted without repeats, no credential on the local
 * provider, empty policy overrides as null, and keys in a fixed order (jsonb would reorder them;
 * the DTOs and version diffs read better in this one).
 */
export const CONFIG_KEYS = [
  "name",
  "description",
  "instructions",
  "model",
  "fallbacks",
  "temperature",
  "maxTokens",
  "tools",
  "knowledgeCollectionIds",
  "guardPolicy",
  "template",
] as const satisfies readonly (keyof AgentConfig)[];

export type ConfigKey = (typeof CONFIG_KEYS)[number];

function modelRef(ref: AgentModelRef): AgentModelRef {
  return { provider: ref.provider, model: ref.model, credentialId: ref.provider === "local" ? null : (ref.credentialId ?? null) };
}

function guardPolicy(policy: AgentConfig["guardPolicy"]): AgentConfig["guardPolicy"] {
  if (!policy) return null;
  const out: Record<string, { action?: string; threshold?: number }> = {};
  for (const detector of GUARD_DETECTORS) {
    const entry = policy[detector] as { action?: string; threshold?: number } | undefined;
    if (!entry) continue;
    const kept: { action?: string; threshold?: number } = {};
    if (entry.action !== undefined) kept.action = entry.action;
    if (entry.threshold !== undefined) kept.threshold = entry.threshold;
    if (Object.keys(kept).length > 0) out[detector] = kept;
  }
  return Object.keys(out).length > 0 ? out : null;
}

export function normaliseConfig(config: AgentConfig): AgentConfig {
  return {
    name: config.name,
    description: config.description ?? "",
    instructions: config.instructions ?? "",
    model: modelRef(config.model),
    fallbacks: (config.fallbacks ?? []).map(modelRef),
    temperature: config.temperature,
    maxTokens: config.maxTokens,
    tools: TOOL_IDS.filter((tool) => (config.tools ?? []).includes(tool)),
    knowledgeCollectionIds: [...new Set(config.knowledgeCollectionIds ?? [])].sort(),
    guardPolicy: guardPolicy(config.guardPolicy),
    template: config.template ?? null,
  };
}

/** JSON with object keys sorted at every depth: equal values, equal strings. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The top-level fields whose values differ between two versions (both normalised here). */
export function changedFields(before: AgentConfig, after: AgentConfig): ConfigKey[] {
  const a = normaliseConfig(before);
  const b = normaliseConfig(after);
  return CONFIG_KEYS.filter((key) => stableJson(a[key]) !== stableJson(b[key]));
}
