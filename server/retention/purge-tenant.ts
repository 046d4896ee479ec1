import { eq } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db";
import { tenants } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { RequestMeta, SystemPrincipal } from "../request-context";
import { tenantSummaryColumns } from "../tenancy/tenant-summary-columns";
import { PURGE_KINDS, purgeStatement, type PurgeKind } from "./purge-statements";

/** Rows per DELETE: small enough that no statement locks for long, large enough to keep up. */
export const PURGE_BATCH = 1_000;
/** DELETEs per kind in one call (one transaction): the rest waits for the next round. */
export const PURGE_BATCHES_PER_KIND = 20;

export const RETENTION_JOB = "retention-purge";
const principal: SystemPrincipal = { type: "system", job: RETENTION_JOB, role: "owner" };

export type PurgeTarget = { tenantId: string; retentionDays: number; cutoff: string };
export type PurgeResult = { tenantId: string; deleted: Record<PurgeKind, number>; complete: boolean };

/**
 * Deletes one tenant's rows past its retention cutoff, kind by kind in bounded batches, inside
 * the caller's platform transaction (the app role may not delete events; the platform role may,
 * and `withPlatform` records that it did and why). When anything was deleted, the tenant's own
 * audit log gets one `retention.purged` row with the counts, attributed to the retention job, in
 * the same transaction: the deletion and its record commit or vanish together.
 *
 * `complete: false` when some kind hit the per-call cap: the caller runs another round.
 */
export async function purgeTenant(
  tx: Tx,
  target: PurgeTarget,
  meta: RequestMeta,
  limits = { batch: PURGE_BATCH, batches: PURGE_BATCHES_PER_KIND },
): Promise<PurgeResult> {
  const deleted = Object.fromEntries(PURGE_KINDS.map((k) => [k, 0])) as Record<PurgeKind, number>;
  let complete = true;
  for (const kind of PURGE_KINDS) {
    for (let i = 0; ; i++) {
      if (i === limits.batches) {
        complete = false;
        break;
      }
      const [row] = rowsOf<{ n: number }>(
        await tx.execute(purgeStatement(kind, { tenantId: target.tenantId, cutoff: target.cutoff, limit: limits.batch })),
      );
      const n = Number(row?.n ?? 0);
      deleted[kind] += n;
      if (n < limits.batch) break;
    }
  }
  const total = Object.values(deleted).reduce((a, b) => a + b, 0);
  if (total > 0) {
    const [tenant] = await tx.select(tenantSummaryColumns).from(tenants).where(eq(tenants.id, target.tenantId)).limit(1);
    if (!tenant) throw new Error(`tenant ${target.tenantId} vanished during its purge`);
    await recordChange({ tx, tenant, principal, meta }, "retention.purged", {
      facts: { retentionDays: target.retentionDays, cutoff: target.cutoff, deleted, complete },
    });
  }
  return { tenantId: target.tenantId, deleted, complete };
}
