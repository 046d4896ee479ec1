import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { impersonations } from "@/db/schema";

/** The operator's active impersonation of a tenant (inside a platform transaction), or null. */
export async function currentImpersonationOf(tx: Tx, operatorId: string, tenantId: string) {
  const [row] = await tx
    .select({ id: impersonations.id, startedAt: impersonations.startedAt, expiresAt: impersonations.expiresAt })
    .from(impersonations)
    .where(
      and(
        eq(impersonations.operatorId, operatorId),
        eq(impersonations.targetTenantId, tenantId),
        isNull(impersonations.endedAt),
        gt(impersonations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(impersonations.expiresAt))
    .limit(1);
  return row ? { id: row.id, startedAt: row.startedAt.toISOString(), expiresAt: row.expiresAt.toISOString() } : null;
}
