import { scopes } from "@/db";
import { recordMeterUsage, reportMeterUsage, type MeteredRun } from "@/server/billing/stripe/meter-usage";
import { inngest } from "../client";
import { agentryEvent } from "../events";

/**
 * Reports paying tenants' token usage to Stripe's billing meter, in batches: up to 100
 * `usage.recorded` events or 10 seconds, per tenant, one run at a time per tenant. Two steps per
 * tenant: record the rows (identifier `<tenant>:<run>`, deduplicated), then send whatever is
 * unreported — so a step retried after a Stripe failure resends only the rows still pending, and
 * Stripe dedupes the identifier if a send was counted but its answer lost.
 */
export const meterUsage = inngest.createFunction(
  {
    id: "meter-usage",
    triggers: [agentryEvent("usage.recorded")],
    batchEvents: { maxSize: 100, timeout: "10s", key: "event.data.tenantId" },
    concurrency: { key: "event.data.tenantId", limit: 1 },
    retries: 5,
  },
  async ({ events, step }) => {
    const byTenant = new Map<string, { runId: string; tokens: number; occurredAt: string }[]>();
    for (const e of events) {
      const runs = byTenant.get(e.data.tenantId) ?? [];
      const p = e.data.payload;
      runs.push({ runId: p.runId, tokens: p.inputTokens + p.outputTokens, occurredAt: new Date(e.ts ?? Date.now()).toISOString() });
      byTenant.set(e.data.tenantId, runs);
    }
    const results = [];
    for (const [tenantId, runs] of byTenant) {
      const recorded = await step.run(`record-${tenantId}`, () =>
        recordMeterUsage(
          scopes,
          tenantId,
          runs.map((r): MeteredRun => ({ ...r, occurredAt: new Date(r.occurredAt) })),
        ),
      );
      const sent = await step.run(`report-${tenantId}`, () => reportMeterUsage(scopes, tenantId));
      results.push({ tenantId, recorded, ...sent });
    }
    return results;
  },
);
