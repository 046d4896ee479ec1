import { count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { memberships, plans, tenants, TENANT_STATUSES } from "@/db/schema";
import { keysetPage, newestFirst, newestFirstKey, pageInput } from "../pagination";
import type { PlatformContext } from "../request-context";

export const listTenantsInput = z.object(pageInput);

export const platformTenantDto = z.object({
  id: z.uuid(),
  name: z.string(),
  slug: z.string(),
  planId: z.string(),
  planName: z.string(),
  status: z.enum(TENANT_STATUSES),
  members: z.number().int(),
  createdAt: z.iso.datetime(),
});

export type PlatformTenant = z.infer<typeof platformTenantDto>;

/**
 * Every organisation on the installation, newest first, for the platform console. Crosses
 * tenants, so it runs through `withPlatform`, which records who looked and why.
 */
export async function listTenants(
  ctx: PlatformContext,
  input: z.infer<typeof listTenantsInput>,
): Promise<{ items: PlatformTenant[]; nextCursor: string | null }> {
  const keyset = newestFirst(tenants.createdAt, tenants.id, input.cursor);
  const actor = { type: "user" as const, id: ctx.operator.id, requestId: ctx.meta.requestId };
  return ctx.scopes.withPlatform("platform console: list organisations", actor, async (tx) => {
    // Counted per tenant in a subquery so the page's LIMIT applies to tenants, not memberships.
    const perTenant = tx
      .select({ tenantId: memberships.tenantId, n: count().as("n") })
      .from(memberships)
      .groupBy(memberships.tenantId)
      .as("member_counts");
    const rows = await tx
      .select({
        id: tenants.id,
        name: tenants.name,
        slug: tenants.slug,
        planId: tenants.planId,
        planName: plans.name,
        status: tenants.status,
        members: sql<number>`coalesce(${perTenant.n}, 0)`.mapWith(Number),
        createdAt: tenants.createdAt,
      })
      .from(tenants)
      .innerJoin(plans, eq(plans.id, tenants.planId))
      .leftJoin(perTenant, eq(perTenant.tenantId, tenants.id))
      .where(keyset.where)
      .orderBy(...keyset.orderBy)
      .limit(input.limit + 1);
    return keysetPage(rows, input.limit, (r) => ({ ...r, createdAt: r.createdAt.toISOString() }), newestFirstKey);
  });
}
