import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import type { Scopes } from "@/db/scope";
import { logger } from "../obs/logger";
import { apiKeys, memberships, plans, tenants } from "@/db/schema";
import { tenantSummaryColumns } from "../tenancy/tenant-summary-columns";
import { effectiveLimits } from "../tenancy/effective-limits";

const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Inside the key's tenant transaction: the key, its creator's current role, the tenant and its
 * plan, in one query. Null when the key is unknown here.
 */
export async function loadKeyAccess(tx: Tx, tenantId: string, secretHash: string) {
  const [row] = await tx
    .select({
      key: {
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        scopes: apiKeys.scopes,
        createdBy: apiKeys.createdBy,
        expiresAt: apiKeys.expiresAt,
        revokedAt: apiKeys.revokedAt,
        suspendedAt: apiKeys.suspendedAt,
        lastUsedAt: apiKeys.lastUsedAt,
      },
      creatorRole: memberships.role,
      tenant: tenantSummaryColumns,
      limits: effectiveLimits,
    })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .innerJoin(plans, eq(plans.id, tenants.planId))
    .leftJoin(memberships, and(eq(memberships.tenantId, apiKeys.tenantId), eq(memberships.userId, apiKeys.createdBy)))
    .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.secretHash, secretHash)))
    .limit(1);
  return row ?? null;
}

/**
 * `last_used_at` to the minute: a write per request would cost more than it tells. In its own
 * transaction, which the request does not wait for: the authentication stays read-only (one
 * round trip, commit not awaited), and a lost stamp (a crash in between) costs a minute of "last
 * used" and nothing else.
 */
export function stampLastUsed(scopes: Scopes, tenantId: string, keyId: string, lastUsedAt: Date | null): void {
  if (lastUsedAt && Date.now() - lastUsedAt.getTime() < LAST_USED_RESOLUTION_MS) return;
  scopes
    .withTenant(tenantId, (tx) =>
      tx
        .update(apiKeys)
        .set({ lastUsedAt: sql`now()` })
        .where(and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, keyId))),
    )
    .catch((error: unknown) =>
      logger.warn({ keyId, err: error instanceof Error ? error.message : String(error) }, "could not stamp the key's last use"),
    );
}
