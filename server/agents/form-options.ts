import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { CREDENTIAL_PROVIDERS, knowledgeCollections, providerCredentials } from "@/db/schema";
import type { TenantContext } from "../request-context";

export const agentFormOptionsDto = z.object({
  credentials: z.array(z.object({ id: z.uuid(), name: z.string(), provider: z.enum(CREDENTIAL_PROVIDERS), hint: z.string() })),
  collections: z.array(z.object({ id: z.uuid(), name: z.string() })),
});

const MAX_OPTIONS = 200;

/**
 * What the agent form's pickers offer: the organisation's usable provider keys (name and last
 * four characters, never the secret) and its knowledge collections. Read here, by id and name
 * only, so the form works before the providers' and knowledge areas' own lists exist.
 */
export async function agentFormOptions(ctx: TenantContext): Promise<z.infer<typeof agentFormOptionsDto>> {
  const [credentials, collections] = [
    await ctx.tx
      .select({
        id: providerCredentials.id,
        name: providerCredentials.name,
        provider: providerCredentials.provider,
        hint: providerCredentials.hint,
      })
      .from(providerCredentials)
      .where(and(eq(providerCredentials.tenantId, ctx.tenant.id), isNull(providerCredentials.revokedAt)))
      .orderBy(asc(providerCredentials.name))
      .limit(MAX_OPTIONS),
    await ctx.tx
      .select({ id: knowledgeCollections.id, name: knowledgeCollections.name })
      .from(knowledgeCollections)
      .where(eq(knowledgeCollections.tenantId, ctx.tenant.id))
      .orderBy(asc(knowledgeCollections.name))
      .limit(MAX_OPTIONS),
  ];
  return { credentials, collections };
}
