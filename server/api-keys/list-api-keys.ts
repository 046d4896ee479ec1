import { and, eq, isNull } from "drizzle-orm";
import { apiKeys, users } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { toApiKeyDto, type ApiKeyDto } from "./dto";
import { keysetPage, newestFirst, newestFirstKey } from "../pagination";

/** Newest first, keyset-paginated on (created_at to the millisecond, id). */
export async function listApiKeys(
  ctx: TenantContext,
  input: { cursor?: string; limit: number; revoked?: "include" | "exclude" },
): Promise<{ items: ApiKeyDto[]; nextCursor: string | null }> {
  const keyset = newestFirst(apiKeys.createdAt, apiKeys.id, input.cursor);
  const rows = await ctx.tx
    .select({ key: apiKeys, email: users.email })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.tenantId, ctx.tenant.id), input.revoked === "exclude" ? isNull(apiKeys.revokedAt) : undefined, keyset.where))
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(
    rows,
    input.limit,
    (r) => toApiKeyDto(r.key, r.email),
    (r) => newestFirstKey(r.key),
  );
}
