import type { PlanLimits } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { loadTenantAccess } from "../tenancy/load-tenant-access";

export type QuotaCtx = Pick<TenantContext, "tx" | "tenant" | "appUrl" | "principal" | "meta">;

/** The tenant's limits as they are now (an override set a second ago applies), read in the caller's transaction. */
export async function currentLimits(ctx: Pick<QuotaCtx, "tx" | "tenant">): Promise<PlanLimits> {
  const row = await loadTenantAccess(ctx.tx, ctx.tenant.id);
  if (!row) throw new NotFoundError("Organisation");
  return row.limits;
}

const base = (appUrl: string) => appUrl.replace(/\/$/, "");
export const billingUrl = (ctx: Pick<QuotaCtx, "appUrl" | "tenant">) => `${base(ctx.appUrl)}/t/${ctx.tenant.slug}/billing`;
export const apiKeysUrl = (ctx: Pick<QuotaCtx, "appUrl" | "tenant">) => `${base(ctx.appUrl)}/t/${ctx.tenant.slug}/api-keys`;
