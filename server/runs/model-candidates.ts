import type { AgentModelRef } from "@/db/schema";
import {
  ProviderError,
  providerFor,
  type Candidate,
  type LocalContext,
  type ModelProvider,
  type ProviderTimeouts,
} from "@/server/agents/providers";
import { DomainError } from "../errors";
import type { DomainContext } from "../request-context";
import { runInTenant, type TenantAccess } from "../tenancy/tenant-context";
import { providerSecret } from "./ports";

type Secret = { apiKey: string | null; baseUrl: string | null };

/**
 * The agent's models in the order to try them, each with what it needs to be called. Keys are
 * decrypted once per run, in one short read transaction before any model is called; they live
 * in this closure only (never stored, logged or sent). A model whose key is missing or unusable
 * fails with a clear reason when its turn comes, so the run moves on to the next model.
 */
export async function modelCandidates(
  deps: DomainContext,
  access: TenantAccess,
  refs: readonly AgentModelRef[],
  timeouts?: Partial<ProviderTimeouts>,
) {
  const candidates: Candidate[] = refs.map((r) => ({ provider: r.provider, model: r.model, credentialId: r.credentialId ?? null }));
  const secrets = new Map<string, Secret | ProviderError>();
  const wanted = [...new Set(candidates.flatMap((c) => (c.provider !== "local" && c.credentialId ? [c.credentialId] : [])))];
  if (wanted.length) {
    await runInTenant(
      deps,
      access,
      async (ctx) => {
        for (const id of wanted) {
          try {
            const secret = (await providerSecret(ctx, id)) as { apiKey?: string | null; baseUrl?: string | null };
            secrets.set(id, { apiKey: secret.apiKey ?? null, baseUrl: secret.baseUrl ?? null });
          } catch (error) {
            // Not found, or a key that no longer decrypts: the model that names it cannot be used.
            const reason = error instanceof DomainError ? error.message : "its provider key could not be read";
            secrets.set(id, new ProviderError("auth", `The provider key of this model is not usable: ${reason}`, { retryable: false }));
          }
        }
      },
      { readOnly: true },
    );
  }

  /** The provider for one candidate (throws a ProviderError the fallback records when it cannot be built). */
  const providerOf = (candidate: Candidate, localContext: LocalContext): ModelProvider => {
    if (candidate.provider === "local") return providerFor({ provider: "local", localContext });
    if (candidate.provider !== "openai" && candidate.provider !== "anthropic") return providerFor({ provider: candidate.provider });
    if (!candidate.credentialId) {
      throw new ProviderError(
        "auth",
        `${candidate.provider}/${candidate.model} has no provider key: add one under Provider keys and choose it on the agent.`,
        { retryable: false },
      );
    }
    const secret = secrets.get(candidate.credentialId);
    if (!secret)
      throw new ProviderError("auth", `The provider key of ${candidate.provider}/${candidate.model} was not found.`, { retryable: false });
    if (secret instanceof ProviderError) throw secret;
    return providerFor({ provider: candidate.provider, apiKey: secret.apiKey, baseUrl: secret.baseUrl, timeouts });
  };

  return { candidates, providerOf };
}
