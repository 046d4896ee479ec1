/**
 * Flow control our functions share (issue 7: "concurrency keyed by tenant, priority by plan,
 * throttles"). Read by Inngest Cloud / `inngest start` at sync and by the in-process driver
 * (inngest/driver/README.md says how it applies each). The numbers are public product limits,
 * nothing secret or per-installation.
 */

/**
 * `priority.run`: seconds a run is started ahead of runs of the same function queued at the same
 * time. The dispatcher puts the tenant's plan id on every event (`event.data.plan`), so with a
 * backlog an Enterprise tenant's run starts before a Free tenant's queued up to five minutes
 * earlier. Fairness is kept: runs are still taken round-robin over tenants, and each tenant's
 * concurrency limit still holds — priority reorders, it never lifts a limit.
 */
export const PLAN_PRIORITY = { run: "event.data.plan == 'enterprise' ? 300 : event.data.plan == 'pro' ? 120 : 0" } as const;

/**
 * Workflow starts per tenant: 90 at once (limit + burst), then one a second. A workflow calls
 * agents (model spend, providers' rate limits); a runaway trigger queues instead of stampeding.
 * Over the limit a run starts later; it is never dropped.
 */
export const WORKFLOW_START_THROTTLE = { key: "event.data.tenantId", limit: 60, period: "1m", burst: 30 } as const;

/**
 * Outbound webhook fan-out per tenant: 900 events at once, then ten a second. Each run POSTs to
 * the tenant's endpoints, so this is what protects a customer's receiver from a burst of ours.
 * (Per endpoint is not expressible here: which endpoints an event reaches is decided inside the
 * run, after it starts.)
 */
export const WEBHOOK_DELIVERY_THROTTLE = { key: "event.data.tenantId", limit: 600, period: "1m", burst: 300 } as const;
