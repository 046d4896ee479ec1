import type { GetStepTools } from "inngest";
import type { Jsonify } from "inngest/types";
import { isTenantSuspended } from "@/server/tenancy/tenant-context";
import type { inngest } from "./client";

type Step = GetStepTools<typeof inngest>;

/**
 * How long a held run waits for its organisation's `tenant.reactivated` before it looks again. The
 * event normally ends the wait at once; the re-check covers a reactivation that landed between the
 * step that found the suspension and the wait being registered. Each look costs two steps, so a run
 * stays within Inngest's 1,000 steps per run for about 250 days of suspension.
 */
export const HOLD_RECHECK = "12h";

/** What a held step records instead of failing: no retry is spent on a suspension. */
type Held = { held: true };

/**
 * `step.run(id, body)` for a job that acts for an organisation toward the outside or spends
 * (webhook deliveries, workflow runs, playbook responses). While the organisation is suspended
 * the body is refused (`tenant_suspended`, server/tenancy/tenant-context.ts); instead of letting
 * that fail the step — spending the function's retries, then a dead letter — the step succeeds
 * with a hold marker, the run waits for the organisation's `tenant.reactivated` event (matched on
 * its tenant id), and then the body runs again under a fresh step id. The attempt the body makes
 * is the same one it would have made: a delivery's attempt number is not advanced by a hold.
 */
export async function stepWhileActive<T>(step: Step, id: string, body: () => Promise<T>): Promise<Jsonify<T>> {
  for (let hold = 0; ; hold++) {
    const result = await step.run(hold === 0 ? id : `${id} (after hold ${hold})`, async (): Promise<{ value: T } | Held> => {
      try {
        return { value: await body() };
      } catch (error) {
        if (isTenantSuspended(error)) return { held: true };
        throw error;
      }
    });
    // What `step.run(id, body)` would have returned: the body's value through the step's JSON.
    if (!("held" in result)) return (result as { value: Jsonify<T> }).value;
    await step.waitForEvent(`${id} (held ${hold + 1})`, { event: "tenant.reactivated", match: "data.tenantId", timeout: HOLD_RECHECK });
  }
}
