import { and, eq, inArray, isNull } from "drizzle-orm";
import { knowledgeCollections, providerCredentials, type AgentConfig } from "@/db/schema";
import { ValidationError } from "../errors";
import type { TenantContext } from "../request-context";

/**
 * The ids a configuration names must be this tenant's, and usable: a provider key that exists,
 * is not revoked and is for the same provider; knowledge collections that exist. Another
 * tenant's id reads as unknown (the wall hides it), the same as a made-up one. The first problem
 * found sets the error's code; every problem is listed by its field path.
 */
export async function assertConfigReferences(ctx: TenantContext, config: AgentConfig): Promise<void> {
  const refs = [{ path: "model", ref: config.model }, ...config.fallbacks.map((ref, i) => ({ path: `fallbacks.${i}`, ref }))].filter(
    ({ ref }) => ref.provider !== "local" && ref.credentialId,
  );
  const problems: { code: string; path: string; message: string }[] = [];

  const credentialIds = [...new Set(refs.map(({ ref }) => ref.credentialId!))];
  if (credentialIds.length > 0) {
    const rows = await ctx.tx
      .select({ id: providerCredentials.id, provider: providerCredentials.provider })
      .from(providerCredentials)
      .where(
        and(
          eq(providerCredentials.tenantId, ctx.tenant.id),
          inArray(providerCredentials.id, credentialIds),
          isNull(providerCredentials.revokedAt),
        ),
      );
    const found = new Map(rows.map((r) => [r.id, r.provider]));
    for (const { path, ref } of refs) {
      const provider = found.get(ref.credentialId!);
      if (!provider)
        problems.push({
          code: "unknown_credential",
          path: `${path}.credentialId`,
          message: "There is no such provider key (or it was revoked).",
        });
      else if (provider !== ref.provider)
        problems.push({
          code: "credential_provider_mismatch",
          path: `${path}.credentialId`,
          message: `This key is for ${provider}, not ${ref.provider}.`,
        });
    }
  }

  const collectionIds = [...new Set(config.knowledgeCollectionIds)];
  if (collectionIds.length > 0) {
    const rows = await ctx.tx
      .select({ id: knowledgeCollections.id })
      .from(knowledgeCollections)
      .where(and(eq(knowledgeCollections.tenantId, ctx.tenant.id), inArray(knowledgeCollections.id, collectionIds)));
    const missing = collectionIds.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length > 0)
      problems.push({ code: "unknown_collection", path: "knowledgeCollectionIds", message: "There is no such knowledge collection." });
  }

  if (problems.length === 0) return;
  const first = problems[0]!;
  throw new ValidationError(first.message, Object.fromEntries(problems.map((p) => [p.path, p.message])), first.code);
}
