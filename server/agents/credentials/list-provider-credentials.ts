import { and, eq, isNull } from "drizzle-orm";
import { providerCredentials } from "@/db/schema";
import { keysetPage, newestFirst, newestFirstKey } from "../../pagination";
import type { TenantContext } from "../../request-context";
import { toProviderCredentialDto, type ProviderCredentialDto } from "./dto";

/** Newest first, keyset-paginated; `provider` narrows to one vendor (what an agent's model picker asks for). */
export async function listProviderCredentials(
  ctx: TenantContext,
  input: { cursor?: string; limit: number; revoked?: "include" | "exclude"; provider?: "openai" | "anthropic" },
): Promise<{ items: ProviderCredentialDto[]; nextCursor: string | null }> {
  const keyset = newestFirst(providerCredentials.createdAt, providerCredentials.id, input.cursor);
  const rows = await ctx.tx
    .select()
    .from(providerCredentials)
    .where(
      and(
        eq(providerCredentials.tenantId, ctx.tenant.id),
        input.revoked === "exclude" ? isNull(providerCredentials.revokedAt) : undefined,
        input.provider ? eq(providerCredentials.provider, input.provider) : undefined,
        keyset.where,
      ),
    )
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(rows, input.limit, toProviderCredentialDto, newestFirstKey);
}
