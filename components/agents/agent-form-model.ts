import type { AgentConfigDto } from "@/server/agents/dto";

/**
 * What the agent form edits, as plain data: the vocabulary and options the page passes in, the
 * form's own shapes (a model reference, a guard policy row, as typed), and the mapping from them
 * to the configuration the API takes. No React here, so the mapping reads on its own.
 */

export type Provider = "local" | "openai" | "anthropic";
export type ModelRef = { provider: Provider; model: string; credentialId: string };
export type PolicyRow = { action: string; threshold: string };

export type AgentFormVocabulary = {
  providers: readonly Provider[];
  tools: readonly string[];
  detectors: readonly string[];
  actions: readonly string[];
  localModel: string;
  maxFallbacks: number;
  instructionsMaxBytes: number;
};

export type AgentFormOptions = {
  credentials: { id: string; name: string; provider: "openai" | "anthropic"; hint: string }[];
  collections: { id: string; name: string }[];
};

/** A field's error by its path (`model.credentialId`), or that of the first thing inside it that failed. */
export type ErrorOf = (path: string) => string | null;

export const toRef = (ref: AgentConfigDto["model"]): ModelRef => ({
  provider: ref.provider,
  model: ref.model,
  credentialId: ref.credentialId ?? "",
});

/** The guard policy as the form holds it: one row per detector, empty meaning "inherit". */
export const toPolicyRows = (detectors: readonly string[], policy: AgentConfigDto["guardPolicy"]): Record<string, PolicyRow> =>
  Object.fromEntries(
    detectors.map((d) => {
      const entry = policy?.[d];
      return [d, { action: entry?.action ?? "", threshold: entry?.threshold === undefined ? "" : String(entry.threshold) }];
    }),
  );

/** A number field's value as the API takes it; text that is not a number goes as is, so the server names the field. */
const numeric = (value: string): number | string => (value.trim() !== "" && Number.isFinite(Number(value)) ? Number(value) : value);

export type AgentFormState = {
  name: string;
  description: string;
  instructions: string;
  model: ModelRef;
  fallbacks: ModelRef[];
  temperature: string;
  maxTokens: string;
  tools: Set<string>;
  collections: Set<string>;
  policy: Record<string, PolicyRow>;
};

/** The configuration the API takes, from what the form holds (the server validates it). */
export function toAgentConfig(state: AgentFormState, vocabulary: AgentFormVocabulary) {
  const refPayload = (ref: ModelRef) => ({
    provider: ref.provider,
    model: ref.provider === "local" ? vocabulary.localModel : ref.model,
    credentialId: ref.provider === "local" ? null : ref.credentialId.trim() || null,
  });
  const guardPolicy = Object.fromEntries(
    Object.entries(state.policy)
      .filter(([, row]) => row.action || row.threshold.trim())
      .map(([d, row]) => [
        d,
        { ...(row.action ? { action: row.action } : {}), ...(row.threshold.trim() ? { threshold: numeric(row.threshold) } : {}) },
      ]),
  );
  return {
    name: state.name,
    description: state.description,
    instructions: state.instructions,
    model: refPayload(state.model),
    fallbacks: state.fallbacks.map(refPayload),
    temperature: numeric(state.temperature),
    maxTokens: numeric(state.maxTokens),
    tools: vocabulary.tools.filter((tool) => state.tools.has(tool)),
    knowledgeCollectionIds: [...state.collections],
    guardPolicy: Object.keys(guardPolicy).length > 0 ? guardPolicy : null,
  };
}
