import { processStripeEvent } from "@/server/billing/stripe/apply-event";
import { expireGracePeriods } from "@/server/billing/stripe/expire-grace";
import { sweepUnprocessed } from "@/server/billing/stripe/sweep-unprocessed";
import type { DomainContext } from "@/server/request-context";
import { inngest } from "../client";
import { agentryEvent } from "../events";
import { metaForEvent, systemDeps } from "../act";

/**
 * Applies a Stripe webhook event the webhook door recorded (server/billing/stripe/receive-webhook.ts)
 * and handed over through the tenant's outbox. One run at a time per tenant, so two events of one
 * tenant never race on its subscription row; the step retries on failure (Stripe unreachable while
 * reading a completed Checkout's subscription), and an event whose retries run out stays
 * unprocessed for the sweep below.
 */
export const stripeEvent = inngest.createFunction(
  {
    id: "stripe-event",
    triggers: [agentryEvent("billing.stripe_event_received")],
    concurrency: { key: "event.data.tenantId", limit: 1 },
    retries: 5,
  },
  async ({ event, step, runId }) =>
    step.run("apply", async () => ({
      stripeEventId: event.data.payload.stripeEventId,
      outcome: await processStripeEvent(systemDeps(metaForEvent(event, runId)), event.data.payload.stripeEventId),
    })),
);

const cronDeps = (runId: string): DomainContext => systemDeps({ requestId: `inngest:${runId}`, ip: null, userAgent: null });

/**
 * Every five minutes: recorded Stripe events still unprocessed after five minutes are applied
 * (the hand-over's safety net), and tenants whose dunning grace period has expired go to Free.
 */
export const stripeSweep = inngest.createFunction(
  { id: "stripe-sweep", triggers: [{ cron: "*/5 * * * *" }], concurrency: { limit: 1 }, retries: 2 },
  async ({ step, runId }) => {
    const swept = await step.run("apply-unprocessed-events", () => sweepUnprocessed(cronDeps(runId)));
    const grace = await step.run("expire-grace-periods", () => expireGracePeriods(cronDeps(runId)));
    return { swept, downgraded: grace.downgraded };
  },
);

export const stripeFunctions = [stripeEvent, stripeSweep];
