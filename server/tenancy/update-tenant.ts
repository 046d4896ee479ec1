import { eq } from "drizzle-orm";
import { z } from "zod";
import { tenants } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { TenantContext } from "../request-context";
import { toTenantDto, type TenantDto } from "./dto";
import { createTenantInput } from "./create-tenant";

export const updateTenantInput = z.object({ name: createTenantInput.shape.name });

/** Renames the organisation (the slug is its address and stays). */
export async function updateTenant(ctx: TenantContext, input: z.infer<typeof updateTenantInput>): Promise<TenantDto> {
  const [row] = await ctx.tx
    .update(tenants)
    .set({ name: input.name, updatedAt: new Date() })
    .where(eq(tenants.id, ctx.tenant.id))
    .returning();
  if (ctx.tenant.name !== input.name) {
    await recordChange(ctx, "tenant.updated", {
      targetId: ctx.tenant.id,
      facts: { fields: ["name"] },
      personal: { name: { from: ctx.tenant.name, to: input.name } },
    });
  }
  return toTenantDto(row!);
}
