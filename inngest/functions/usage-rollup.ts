import { scopes } from "@/db";
import { rollUpUsage } from "@/server/usage/roll-up-usage";
import { inngest } from "../client";
import { agentryEvent } from "../events";

/**
 * Folds `usage.recorded` events into the hourly and daily usage roll-ups, in batches: up to 100
 * events or 5 seconds, batched per tenant, and one run at a time per tenant (the increments of
 * one tenant never race). Each tenant's batch is one step and one transaction: the events' runs
 * are claimed in `usage_counted` in the same transaction as the increments, so a retried step, a
 * redelivered batch or a replayed event adds nothing twice (server/usage/roll-up-usage.ts).
 *
 * The roll-up writes in the tenant's own scope (RLS) but needs no principal: it records no change
 * and must work for a suspended organisation too (its last runs are still billed).
 */
export const usageRollup = inngest.createFunction(
  {
    id: "usage-rollup",
    triggers: [agentryEvent("usage.recorded")],
    batchEvents: { maxSize: 100, timeout: "5s", key: "event.data.tenantId" },
    concurrency: { key: "event.data.tenantId", limit: 1 },
    retries: 5,
  },
  async ({ events, step }) => {
    // The batch key keeps a batch to one tenant; grouping again costs nothing and never mixes two.
    const byTenant = new Map<string, string[]>();
    for (const e of events) {
      if (!e.id) continue;
      const ids = byTenant.get(e.data.tenantId) ?? [];
      ids.push(e.id);
      byTenant.set(e.data.tenantId, ids);
    }
    const results = [];
    for (const [tenantId, ids] of byTenant) {
      results.push(
        await step.run(`roll-up-${tenantId}`, async () => ({
          tenantId,
          ...(await scopes.withTenant(tenantId, (tx) => rollUpUsage({ tx, tenant: { id: tenantId } }, ids))),
        })),
      );
    }
    return results;
  },
);
