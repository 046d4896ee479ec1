import type { ProviderId, Usage } from "./types";

/**
 * List prices in USD per million tokens (input, output), matched by the longest model-name
 * prefix so dated snapshots ("gpt-4o-2024-08-06", "claude-sonnet-4-5-20250929") find their
 * family. USD per million tokens is exactly micro-USD per token, so cost is a multiply.
 * `local` costs nothing; a model not listed here (a self-hosted vLLM or Ollama model behind the
 * OpenAI-compatible door) is costed at 0 and reported as unpriced, not guessed.
 * Prices as published by the vendors; update when they change.
 */
const PRICES: Record<Exclude<ProviderId, "local">, Record<string, readonly [input: number, output: number]>> = {
  openai: {
    "gpt-5": [1.25, 10],
    "gpt-5-mini": [0.25, 2],
    "gpt-5-nano": [0.05, 0.4],
    "gpt-4.1": [2, 8],
    "gpt-4.1-mini": [0.4, 1.6],
    "gpt-4.1-nano": [0.1, 0.4],
    "gpt-4o": [2.5, 10],
    "gpt-4o-mini": [0.15, 0.6],
    "gpt-4-turbo": [10, 30],
    "gpt-3.5-turbo": [0.5, 1.5],
    o1: [15, 60],
    "o1-mini": [1.1, 4.4],
    o3: [2, 8],
    "o3-mini": [1.1, 4.4],
    "o4-mini": [1.1, 4.4],
  },
  anthropic: {
    "claude-opus-4-5": [5, 25],
    "claude-opus-4-1": [15, 75],
    "claude-opus-4": [15, 75],
    "claude-sonnet-4-5": [3, 15],
    "claude-sonnet-4": [3, 15],
    "claude-haiku-4-5": [1, 5],
    "claude-3-7-sonnet": [3, 15],
    "claude-3-5-sonnet": [3, 15],
    "claude-3-5-haiku": [0.8, 4],
    "claude-3-opus": [15, 75],
    "claude-3-haiku": [0.25, 1.25],
  },
};

/** Price per million tokens of `model`, or null when we do not know it. */
export function priceOf(provider: ProviderId, model: string): { input: number; output: number } | null {
  if (provider === "local") return { input: 0, output: 0 };
  const table = PRICES[provider];
  const name = model.toLowerCase();
  let best: string | null = null;
  for (const prefix of Object.keys(table)) {
    const fits = name === prefix || name.startsWith(`${prefix}-`) || name.startsWith(`${prefix}:`);
    if (fits && (!best || prefix.length > best.length)) best = prefix;
  }
  if (!best) return null;
  const [input, output] = table[best]!;
  return { input, output };
}

/** Cost of one call in micro-USD (integer). */
export function costMicros(provider: ProviderId, model: string, usage: Usage): number {
  const price = priceOf(provider, model);
  if (!price) return 0;
  return Math.round(usage.inputTokens * price.input + usage.outputTokens * price.output);
}
