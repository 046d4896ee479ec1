import { and, asc, eq, isNull, lte, sql } from "drizzle-orm";
import { impersonations, tenants } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { DomainContext, SystemPrincipal } from "../request-context";
import { tenantSummaryColumns } from "../tenancy/tenant-summary-columns";

export const IMPERSONATION_EXPIRY_JOB = "impersonation-expiry";

/** Thrown inside a transaction to roll it back (its platform audit row too) when another closer got there first. */
class AlreadyEnded extends Error {}

/**
 * Closes impersonations whose 15 minutes ran out without an explicit end, so each one's end is
 * audited like an explicit end: `impersonation.ended` in the tenant's log (actor: this job, facts
 * `expired: true`, ended at its expiry time) and one platform audit row naming it. Access already
 * stopped at the expiry (the session door checks `expires_at` on every request); this only makes
 * the record complete.
 *
 * Exactly once, whoever races: each impersonation is closed in its own transaction by an update
 * that only matches a row not yet ended. If an explicit end or another sweep closed it meanwhile,
 * the transaction is rolled back — its platform audit row with it — and nothing is recorded.
 */
export async function expireImpersonations(deps: Pick<DomainContext, "scopes" | "meta">, options: { max?: number } = {}) {
  const actor = { type: "system" as const, id: IMPERSONATION_EXPIRY_JOB, requestId: deps.meta.requestId };
  const due = await deps.scopes.withPlatformSweep("impersonations: find expired ones not yet ended", actor, (tx) =>
    tx
      .select({ id: impersonations.id, tenantId: impersonations.targetTenantId })
      .from(impersonations)
      .where(and(isNull(impersonations.endedAt), lte(impersonations.expiresAt, sql`now()`)))
      .orderBy(asc(impersonations.expiresAt))
      .limit(options.max ?? 200),
  );
  const principal: SystemPrincipal = { type: "system", job: IMPERSONATION_EXPIRY_JOB, role: "owner" };
  const ended: string[] = [];
  for (const { id, tenantId } of due) {
    try {
      await deps.scopes.withPlatform(`impersonation ${id} of tenant ${tenantId} expired: recording its end`, actor, async (tx) => {
        const [row] = await tx
          .update(impersonations)
          .set({ endedAt: impersonations.expiresAt })
          .where(and(eq(impersonations.id, id), isNull(impersonations.endedAt), lte(impersonations.expiresAt, sql`now()`)))
          .returning();
        if (!row) throw new AlreadyEnded();
        const [tenant] = await tx.select(tenantSummaryColumns).from(tenants).where(eq(tenants.id, tenantId));
        if (!tenant) throw new AlreadyEnded();
        await recordChange({ tx, tenant, principal, meta: deps.meta }, "impersonation.ended", {
          targetId: tenantId,
          facts: { impersonationId: row.id, startedAt: row.startedAt.toISOString(), endedAt: row.endedAt!.toISOString(), expired: true },
        });
      });
      ended.push(id);
    } catch (error) {
      if (!(error instanceof AlreadyEnded)) throw error;
    }
  }
  return { ended };
}
