import { and, desc, eq, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { apiKeys, users } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { toApiKeyDto, type ApiKeyDto } from "./dto";
import { decodeCursor, encodeCursor } from "../pagination";

/**
 * `created_at` has microseconds but the cursor (a JS Date) only milliseconds: key on the
 * millisecond, or keys created within the same millisecond as a page's last one are skipped.
 */
const createdMs = sql`date_trunc('milliseconds', ${apiKeys.createdAt})`;

/** Newest first, keyset-paginated on (created_at to the millisecond, id). */
export async function listApiKeys(
  ctx: TenantContext,
  input: { cursor?: string; limit: number; revoked?: "include" | "exclude" },
): Promise<{ items: ApiKeyDto[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  // Bound as text: drivers differ in how (or whether) they serialise a bare Date parameter.
  const afterAt = after ? sql`${after.at.toISOString()}::timestamptz` : null;
  const where: (SQL | undefined)[] = [
    eq(apiKeys.tenantId, ctx.tenant.id),
    input.revoked === "exclude" ? isNull(apiKeys.revokedAt) : undefined,
    after && afterAt ? or(lt(createdMs, afterAt), and(eq(createdMs, afterAt), lt(apiKeys.id, after.id))) : undefined,
  ];
  const rows = await ctx.tx
    .select({ key: apiKeys, email: users.email })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(...where))
    .orderBy(desc(createdMs), desc(apiKeys.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toApiKeyDto(r.key, r.email)),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.key.createdAt, last.key.id) : null,
  };
}
