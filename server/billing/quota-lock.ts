import { sql } from "drizzle-orm";
import type { Tx } from "@/db";

/**
 * A transaction advisory lock named by a string (hashed to Postgres's 64-bit lock space): held
 * until the transaction ends, so a quota check and the write it admits are one step for every
 * other request checking the same quota. Different quotas (runs, agents, seats, one API key's
 * budget) have different names and never wait for each other.
 *
 * Lock order, where a transaction takes several: the tenant's quota, then a key's budget.
 */
export async function lockQuota(tx: Tx, name: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${name}, 0))`);
}

export const quotaLockName = (tenantId: string, metric: "runs" | "agents" | "seats") => `quota:${tenantId}:${metric}`;
export const keyBudgetLockName = (tenantId: string, apiKeyId: string) => `key-budget:${tenantId}:${apiKeyId}`;
