import { and, count, desc, eq, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { memberships, plans, tenants, TENANT_STATUSES } from "@/db/schema";
import { decodeCursor, encodeCursor, pageInput } from "../pagination";
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

/** Same millisecond truncation as the API-key list: a JS Date cursor has no microseconds. */
const createdMs = sql`date_trunc('milliseconds', ${tenants.createdAt})`;

/**
 * Every organisation on the installation, newest first, for the platform console. Crosses
 * tenants, so it runs through `withPlatform`, which records who looked and why.
 */
export async function listTenants(
  ctx: PlatformContext,
  input: z.infer<typeof listTenantsInput>,
): Promise<{ items: PlatformTenant[]; nextCursor: string | null }> {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const afterAt = after ? sql`${after.at.toISOString()}::timestamptz` : null;
  const where: (SQL | undefined)[] = [after && afterAt ? or(lt(createdMs, afterAt), and(eq(createdMs, afterAt), lt(tenants.id, after.id))) : undefined];
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
      .where(and(...where))
      .orderBy(desc(createdMs), desc(tenants.id))
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
      nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
    };
  });
}
