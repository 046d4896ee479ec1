import { eq } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db";
import { plans, tenants } from "@/db/schema";
import { effectiveLimits } from "../tenancy/effective-limits";
import { dueProbe } from "./purge-statements";
import type { PurgeTarget } from "./purge-tenant";

const DAY_MS = 86_400_000;

/**
 * Every tenant whose retention leaves something to delete now, with its cutoff (`now` minus its
 * `retentionDays`). Reads across tenants, so the caller holds a platform transaction. The figure is
 * the tenant's effective one (its plan's, under a platform admin's override: effective-limits.ts),
 * the same one its doors and console show. A tenant with nothing past its cutoff is left out, so
 * the purge opens no transaction, and writes no audit row, for it.
 */
export async function findDueTenants(tx: Tx, now: Date): Promise<PurgeTarget[]> {
  const rows = await tx
    .select({ tenantId: tenants.id, limits: effectiveLimits })
    .from(tenants)
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .orderBy(tenants.id);
  const due: PurgeTarget[] = [];
  for (const { tenantId, limits } of rows) {
    const retentionDays = Math.floor(Number(limits.retentionDays));
    // A plan without a sane retention keeps everything rather than deleting by accident.
    if (!Number.isFinite(retentionDays) || retentionDays < 1) continue;
    const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
    const [probe] = rowsOf<{ due: boolean }>(await tx.execute(dueProbe({ tenantId, cutoff })));
    if (probe?.due) due.push({ tenantId, retentionDays, cutoff });
  }
  return due;
}
