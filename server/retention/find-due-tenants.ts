import { eq } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db";
import { plans, tenants } from "@/db/schema";
import { dueProbe } from "./purge-statements";
import type { PurgeTarget } from "./purge-tenant";

const DAY_MS = 86_400_000;

/**
 * Every tenant whose plan's retention leaves something to delete now, with its cutoff (`now`
 * minus the plan's `retentionDays`). Reads across tenants, so the caller holds a platform
 * transaction. Plans are the only source of retention today: there are no per-tenant overrides
 * yet (when the platform console adds them, they are read here). A tenant with nothing past its
 * cutoff is left out, so the purge opens no transaction, and writes no audit row, for it.
 */
export async function findDueTenants(tx: Tx, now: Date): Promise<PurgeTarget[]> {
  const rows = await tx
    .select({ tenantId: tenants.id, limits: plans.limits })
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
