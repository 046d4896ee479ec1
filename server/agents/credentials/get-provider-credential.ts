import { and, eq } from "drizzle-orm";
import { providerCredentials } from "@/db/schema";
import { NotFoundError } from "../../errors";
import type { TenantContext } from "../../request-context";
import { toProviderCredentialDto } from "./dto";

/** Fetch-or-throw: "not yours" and "not there" are the same 404. */
export async function getProviderCredentialInTenant(ctx: TenantContext, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(providerCredentials)
    .where(and(eq(providerCredentials.tenantId, ctx.tenant.id), eq(providerCredentials.id, id)))
    .limit(1);
  if (!row) throw new NotFoundError("Provider key");
  return row;
}

export async function getProviderCredential(ctx: TenantContext, { id }: { id: string }) {
  return toProviderCredentialDto(await getProviderCredentialInTenant(ctx, id));
}
