import { eq } from "drizzle-orm";
import { tenants } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { toTenantDto, type TenantDto } from "./dto";

export async function getTenant(ctx: TenantContext): Promise<TenantDto> {
  const [row] = await ctx.tx.select().from(tenants).where(eq(tenants.id, ctx.tenant.id)).limit(1);
  if (!row) throw new NotFoundError("Organisation");
  return toTenantDto(row);
}
