import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { memberships, tenants } from "@/db/schema";

/**
 * Which of the user's organisations has this slug (identity-scoped: RLS shows only tenants the
 * user belongs to, so a stranger's slug is simply not found).
 */
export async function findMyTenantBySlug(tx: Tx, userId: string, slug: string) {
  const [row] = await tx
    .select({ id: tenants.id })
    .from(tenants)
    .innerJoin(memberships, and(eq(memberships.tenantId, tenants.id), eq(memberships.userId, userId)))
    .where(and(eq(tenants.slug, slug), isNull(tenants.deletedAt)))
    .limit(1);
  return row?.id ?? null;
}
