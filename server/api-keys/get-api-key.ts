import { and, eq } from "drizzle-orm";
import { apiKeys, users } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { toApiKeyDto } from "./dto";

/** Fetch-or-throw: "not yours" and "not there" are the same 404. */
export async function getApiKeyInTenant(ctx: TenantContext, id: string) {
  const [row] = await ctx.tx
    .select({ key: apiKeys, email: users.email })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.tenantId, ctx.tenant.id), eq(apiKeys.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("API key");
  return row;
}

export async function getApiKey(ctx: TenantContext, { id }: { id: string }) {
  const row = await getApiKeyInTenant(ctx, id);
  return toApiKeyDto(row.key, row.email);
}
