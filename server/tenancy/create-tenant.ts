import { randomUUID } from "node:crypto";
import { z } from "zod";
import { memberships, tenants } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError, ValidationError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import type { SignedInContext } from "../request-context";
import { slugProblem } from "./slug";
import { toTenantDto, type TenantDto } from "./dto";
import { nameText } from "../text";

export const createTenantInput = z.object({
  name: nameText(2, 80, { min: "At least 2 characters", max: "At most 80 characters" }),
  slug: z.string().trim().toLowerCase().max(40, "At most 40 characters"),
});

/**
 * Creates an organisation with the caller as its owner. The id is chosen first so the whole
 * thing — tenant, owner membership, first audit row — is written in one transaction already
 * scoped to the new tenant.
 */
export async function createTenant(ctx: SignedInContext, input: z.infer<typeof createTenantInput>): Promise<TenantDto> {
  const { user, meta } = ctx;
  const problem = slugProblem(input.slug);
  if (problem) throw new ValidationError(problem, { slug: problem }, "invalid_slug");
  const id = randomUUID();
  try {
    return await ctx.scopes.withTenant(id, async (tx) => {
      const [tenant] = await tx.insert(tenants).values({ id, slug: input.slug, name: input.name }).returning();
      await tx.insert(memberships).values({ tenantId: id, userId: user.id, role: "owner" });
      const principal = { type: "user", userId: user.id, email: user.email, name: "", role: "owner" } as const;
      await recordChange({ tx, tenant: tenant!, principal, meta }, "tenant.created", {
        targetId: id,
        facts: { slug: input.slug },
        personal: { name: input.name },
      });
      return toTenantDto(tenant!);
    });
  } catch (error) {
    if (isUniqueViolation(error, "tenants_slug_key")) {
      throw new ConflictError(`The slug "${input.slug}" is taken; choose another.`, "slug_taken", { field: "slug" });
    }
    throw error;
  }
}
