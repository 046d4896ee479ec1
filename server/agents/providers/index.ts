import { env } from "../../env";
import type { AddressPolicy } from "./address-policy";
import { anthropicProvider } from "./anthropic";
import { ProviderError } from "./errors";
import { localProvider } from "./local";
import { openAIProvider } from "./openai";
import type { LocalContext, ModelProvider, ProviderId, ProviderTimeouts } from "./types";

/**
 * Model providers (CONTRACTS.md, "Providers"): `local` (offline, retrieval-based), `openai` (any
 * OpenAI-compatible base URL) and `anthropic` (Messages API), all streamed as `ModelEvent`s; the
 * price table; per-tenant circuit breakers and `withFallback` down an agent's models.
 */

export * from "./types";
export { ProviderError, type ProviderErrorKind } from "./errors";
export { costMicros, priceOf } from "./pricing";
export {
  breakers,
  breakerKey,
  MemoryBreakerStore,
  DEFAULT_BREAKER,
  type BreakerStore,
  type BreakerState,
  type BreakerOptions,
} from "./breaker";
export {
  withFallback,
  candidatesOf,
  fallbackStepFields,
  AllModelsFailedError,
  type Candidate,
  type FallbackEvent,
  type FallbackStep,
  type FallbackReason,
} from "./fallback";
export { OPENAI_DEFAULT_BASE_URL } from "./openai";
export type { AddressPolicy } from "./address-policy";
export { ANTHROPIC_DEFAULT_BASE_URL } from "./anthropic";

export type ProviderConfig = {
  provider: ProviderId | (string & {});
  baseUrl?: string | null;
  apiKey?: string | null;
  localContext?: LocalContext;
  timeouts?: Partial<ProviderTimeouts>;
  /**
   * Default: `public-only` in production (a base URL resolving to a private or metadata address is
   * refused), `any` elsewhere (local model servers, the test fakes). See address-policy.ts.
   */
  addressPolicy?: AddressPolicy;
};

export function providerFor(config: ProviderConfig): ModelProvider {
  const network = {
    baseUrl: config.baseUrl ?? undefined,
    apiKey: config.apiKey ?? undefined,
    timeouts: config.timeouts,
    addressPolicy: config.addressPolicy ?? (env.NODE_ENV === "production" ? "public-only" : "any"),
  } as const;
  switch (config.provider) {
    case "local":
      return localProvider({ localContext: config.localContext });
    case "openai":
      return openAIProvider(network);
    case "anthropic":
      if (!config.apiKey) throw new ProviderError("auth", "anthropic needs an API key: add a provider credential", { retryable: false });
      return anthropicProvider(network);
    default:
      throw new ProviderError("bad_response", `Unknown provider "${String(config.provider)}" (expected local, openai or anthropic)`, {
        retryable: false,
      });
  }
}
