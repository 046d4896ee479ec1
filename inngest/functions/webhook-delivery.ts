import type { InngestFunction } from "inngest";
import { z } from "zod";
import { attemptDelivery, type InTenant } from "@/server/webhooks/attempt-delivery";
import { fanOut } from "@/server/webhooks/fan-out";
import { MAX_ATTEMPTS, RETRY_DELAYS } from "@/server/webhooks/policy";
import { EVENT_TYPES } from "@/server/events/catalogue";
import { actForEvent } from "../act";
import { inngest } from "../client";
import { stepWhileActive } from "../hold";
import { PLAN_PRIORITY, WEBHOOK_DELIVERY_THROTTLE } from "../flow-control";

/**
 * Outbound webhooks. Every catalogued event reaches this function; it fans the event out to the
 * tenant's matching endpoints (one step) and then, per delivery and in parallel, attempts the
 * POST and sleeps between attempts on the schedule in server/webhooks/policy.ts (5 s … 1 d, about
 * three days in all). Sleeps are Inngest's, so retries survive restarts and deploys.
 *
 * Triggers: every catalogued type, by name, split into functions of at most ten (Inngest's
 * limit per function): `webhook-delivery`, `webhook-delivery-2`, … The list is derived from
 * EVENT_TYPES, so a new type is covered without editing this file, and each event matches exactly
 * one function (tests/webhooks/function.test.ts holds that). The SDK also allows wildcards after
 * a dot (`run.*`), which would need fewer functions, but our in-process driver matches trigger
 * names exactly, and exact names work on both.
 *
 * While the organisation is suspended every step is held (../hold.ts): no attempt is spent and
 * nothing lands in dead letters; on reactivation the deliveries go on where they were.
 *
 * Test events and resends (`webhook.test_sent`, `webhook.delivery_resent`, written by the verbs
 * that queue them) are delivered here too: one attempt each, no retries.
 */

const JOB = "webhook-delivery";
const MAX_TRIGGERS = 10;

const envelope = z.object({
  tenantId: z.uuid(),
  correlationId: z.string().nullable().optional(),
  causationId: z.string().nullable().optional(),
  traceId: z.string().nullable().optional(),
  actor: z.object({ type: z.string(), id: z.string().nullable() }).optional(),
  payload: z.unknown(),
});

const DIRECT = new Set(["webhook.test_sent", "webhook.delivery_resent"]);
const directDeliveryId = (payload: unknown) =>
  z.object({ facts: z.object({ deliveryId: z.uuid() }) }).safeParse(payload).data?.facts.deliveryId ?? null;

const SORTED_TYPES = [...EVENT_TYPES].sort();
export const WEBHOOK_TRIGGER_GROUPS: string[][] = [];
for (let i = 0; i < SORTED_TYPES.length; i += MAX_TRIGGERS) WEBHOOK_TRIGGER_GROUPS.push(SORTED_TYPES.slice(i, i + MAX_TRIGGERS));

function deliveryFunction(id: string, patterns: string[]) {
  return inngest.createFunction(
    {
      id,
      triggers: patterns.map((event) => ({ event })),
      concurrency: { key: "event.data.tenantId", limit: 10 },
      priority: PLAN_PRIORITY,
      throttle: WEBHOOK_DELIVERY_THROTTLE,
      retries: 4,
    },
    async ({ event, step, runId }) => {
      const data = envelope.parse(event.data);
      // Every outbox event has an id (its ULID); without one there is nothing stable to deliver under.
      if (!event.id) return { delivered: 0, deliveries: 0 };
      const eventId = event.id;
      // What this run records (deliveries, an endpoint switched off) is caused by the event, in its correlation.
      const trigger = {
        id: eventId,
        data: {
          tenantId: data.tenantId,
          correlationId: data.correlationId ?? eventId,
          causationId: data.causationId ?? null,
          traceId: data.traceId ?? null,
          actor: data.actor ?? { type: "system", id: null },
          payload: data.payload,
        },
      } as Parameters<typeof actForEvent>[0];
      const inTenant: InTenant = (work) => actForEvent(trigger, runId, JOB, "webhook:manage", work);

      const direct = DIRECT.has(event.name) ? directDeliveryId(data.payload) : null;
      // A suspended organisation's deliveries are held, not failed: each step waits for its reactivation (../hold.ts).
      const deliveries = await stepWhileActive(step, "fan-out", () =>
        inTenant((ctx) =>
          fanOut(ctx, {
            id: eventId,
            type: event.name,
            version: event.v ? Number(event.v) || 1 : 1,
            correlationId: data.correlationId ?? null,
            payload: data.payload,
          }),
        ),
      );

      const deliver = async (deliveryId: string, maxAttempts: number) => {
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
          const result = await stepWhileActive(step, `attempt ${deliveryId} #${attempt}`, () =>
            attemptDelivery(inTenant, { deliveryId, attempt, maxAttempts }),
          );
          if (!result.retry) return result.status;
          await step.sleep(`wait ${deliveryId} #${attempt}`, RETRY_DELAYS[attempt - 1]!);
        }
        return "dead";
      };
      const outcomes = await Promise.all([
        ...(direct ? [deliver(direct, 1)] : []),
        ...deliveries.map((d) => deliver(d.deliveryId, MAX_ATTEMPTS)),
      ]);
      return { delivered: outcomes.filter((s) => s === "succeeded").length, deliveries: outcomes.length };
    },
  );
}

export const webhookDeliveryFunctions: InngestFunction.Any[] = WEBHOOK_TRIGGER_GROUPS.map((patterns, i) =>
  deliveryFunction(i === 0 ? "webhook-delivery" : `webhook-delivery-${i + 1}`, patterns),
);
