import { randomUUID } from "node:crypto";
import { and, count, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { memberships, tenants } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ConflictError, ValidationError } from "../errors";
import { isUniqueViolation } from "../db-errors";
import type { SignedInContext } from "../request-context";
import { slugProblem } from "./slug";
import { toTenantDto, type TenantDto } from "./dto";
import { nameText } from "../text";

/**
 * Organisations one account may own (not deleted). A sign-up is free, so without a cap one
 * account could fill the database with tenants; real customers who need more ask support.
 */
export const MAX_OWNED_ORGANISATIONS = 10;

/** Creations per account per minute (beyond the per-account API limit). */
export const CREATE_TENANT_PER_MINUTE = 5;

export const createTenantInput = z.object({
  name: nameText(2, 80),
  slug: z.string().trim().toLowerCase().max(40),
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
  const owned = await ctx.scopes.withUser(user.id, async (tx) => {
    const [row] = await tx
      .select({ n: count() })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, user.id), eq(memberships.role, "owner"), ne(tenants.status, "deleted")));
    return row?.n ?? 0;
  });
  if (owned >= MAX_OWNED_ORGANISATIONS) {
    throw new ConflictError(
      `You already own ${owned} organisations, the most one account may own (${MAX_OWNED_ORGANISATIONS}). Delete one you no longer use, or contact support.`,
      "organisation_limit",
      { limit: MAX_OWNED_ORGANISATIONS, owned },
    );
  }
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
