import { expireImpersonations } from "@/server/platform/expire-impersonations";
import { systemDeps } from "../act";
import { inngest } from "../client";

/**
 * Every five minutes: impersonations whose 15 minutes ran out without an explicit end get their
 * end recorded — `impersonation.ended` in the tenant's log and a row in the platform log, once
 * each (server/platform/expire-impersonations.ts). Access itself stopped at the expiry already.
 */
export const impersonationExpiry = inngest.createFunction(
  { id: "impersonation-expiry", triggers: [{ cron: "*/5 * * * *" }], concurrency: { limit: 1 }, retries: 2 },
  async ({ step, runId }) =>
    step.run("record-expired", () => expireImpersonations(systemDeps({ requestId: `inngest:${runId}`, ip: null, userAgent: null }))),
);
