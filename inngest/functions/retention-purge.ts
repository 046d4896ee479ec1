import { scopes } from "@/db";
import type { RequestMeta } from "@/server/request-context";
import { findDueTenants } from "@/server/retention/find-due-tenants";
import { purgeTenant, RETENTION_JOB } from "@/server/retention/purge-tenant";
import { inngest } from "../client";

/** Rounds per tenant per run: a backlog larger than this many capped calls waits for the next hour. */
const MAX_ROUNDS = 10;
/** Purge steps per run, under Inngest's 1,000 steps per function run; the tenants left wait an hour. */
const STEP_BUDGET = 900;

/**
 * Hourly: deletes what each tenant's plan no longer retains (runs and their steps, delivered
 * events, incident occurrences, guard feedback, hourly usage; see server/retention) — never the
 * audit log, which is evidence.
 *
 * The cross-tenant reads and the deletes take the platform path (the app role may not delete
 * events): one `withPlatform` to find the tenants with something due, then one per tenant round
 * that purges — each records its reason in the platform audit log, and the tenant's own audit
 * log gets a `retention.purged` row with the counts. One step per tenant round, so a failure in
 * one tenant retries that tenant only. The cutoffs are computed once, in the first step, so a
 * retried step deletes against the same cutoff. The due list starts at a different tenant each
 * hour, so when the step budget runs out it is never the same tenants that wait.
 */
export const retentionPurge = inngest.createFunction(
  { id: "retention-purge", triggers: [{ cron: "17 * * * *" }], concurrency: { limit: 1 }, retries: 3 },
  async ({ step, runId }) => {
    const actor = { type: "system" as const, id: RETENTION_JOB, requestId: `inngest:${runId}` };
    const meta: RequestMeta = { requestId: `inngest:${runId}`, ip: null, userAgent: null };
    const due = await step.run("find-due-tenants", () =>
      scopes.withPlatform("retention purge: find tenants with data past their plan's retention", actor, async (tx) => {
        const now = new Date();
        const found = await findDueTenants(tx, now);
        const start = found.length ? Math.floor(now.getTime() / 3_600_000) % found.length : 0;
        return [...found.slice(start), ...found.slice(0, start)];
      }),
    );
    const results = [];
    let budget = STEP_BUDGET;
    for (const target of due) {
      for (let round = 0; round < MAX_ROUNDS && budget > 0; round++, budget--) {
        const result = await step.run(`purge-${target.tenantId}-${round}`, () =>
          scopes.withPlatform(`retention purge of tenant ${target.tenantId}: ${target.retentionDays} days`, actor, (tx) =>
            purgeTenant(tx, target, meta),
          ),
        );
        results.push(result);
        if (result.complete) break;
      }
    }
    return { tenants: due.length, results };
  },
);
