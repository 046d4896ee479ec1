import { z } from "zod";
import { logger } from "@/server/obs/logger";
import { recordDeadLetter } from "@/server/events/dead-letter-record";
import { actForEvent } from "../act";
import { inngest } from "../client";

export const DEAD_LETTER_CAPTURE_ID = "dead-letter-capture";

/** The SDK's failure event (`FailureEventPayload` in inngest/types): which function, which run, why, and the trigger. */
const failureData = z.object({
  function_id: z.string().min(1),
  run_id: z.string().min(1),
  // Engines may send no error object, or one without a name; and no trigger for an invoked run.
  error: z.object({ name: z.string().optional(), message: z.string().optional() }).passthrough().nullish(),
  event: z
    .object({
      id: z.string().optional(),
      name: z.string(),
      data: z.record(z.string(), z.unknown()).optional(),
    })
    .nullish(),
});

/** The trigger's data, when it is one of ours: our envelope names the tenant it belongs to. */
const envelope = z
  .object({
    tenantId: z.uuid(),
    correlationId: z.string(),
    causationId: z.string().nullable().optional(),
    traceId: z.string().nullable().optional(),
    actor: z.object({ type: z.string(), id: z.string().nullable() }).optional(),
    payload: z.unknown().optional(),
  })
  .passthrough();

/** Tries a function gets: its `retries` (Inngest's default is 3) plus the first attempt. Read lazily: the list imports us. */
async function attemptsOf(functionId: string): Promise<number | null> {
  const { functions } = await import("./index");
  const fn = functions.find((f) => f.id(inngest.id) === functionId || f.id() === functionId);
  if (!fn) return null;
  const retries = (fn as unknown as { opts: { retries?: number } }).opts.retries;
  return (retries ?? 3) + 1;
}

/**
 * Dead-letter capture: when any function exhausts its retries, Inngest emits
 * `inngest/function.failed` carrying the failed run's id, the final error and the original
 * event. We keep it in the failed event's tenant (as a system job, through the tenant's wall)
 * for an admin to inspect and retry. Idempotent on the run id. Failures of events without a
 * tenant (cron runs) have no tenant to file them under: they are logged, not stored. The
 * capture's own failure is not captured, so a broken capture cannot feed itself.
 */
export const deadLetterCapture = inngest.createFunction(
  {
    id: DEAD_LETTER_CAPTURE_ID,
    triggers: [{ event: "inngest/function.failed" }],
    // Keyed by the failed event's tenant: one tenant's failure storm does not hold up another's capture.
    concurrency: { key: "event.data.event.data.tenantId", limit: 5 },
    retries: 5,
  },
  async ({ event, step, runId }) => {
    const data = failureData.parse(event.data);
    if (data.function_id.endsWith(DEAD_LETTER_CAPTURE_ID)) return { stored: false, reason: "self" as const };
    const trigger = data.event;
    const parsed = envelope.safeParse(trigger?.data);
    if (!trigger || !parsed.success) {
      logger.warn(
        { functionId: data.function_id, runId: data.run_id, event: trigger?.name },
        "function failed (no tenant to file it under)",
      );
      return { stored: false, reason: "no_tenant" as const };
    }
    const tenantEnvelope = parsed.data;
    const attempts = await step.run("attempts", () => attemptsOf(data.function_id));
    const { created } = await step.run("record", () =>
      actForEvent(
        {
          id: trigger.id,
          data: { ...tenantEnvelope, causationId: tenantEnvelope.causationId ?? null, traceId: tenantEnvelope.traceId ?? null } as never,
        },
        runId,
        "dead-letter-capture",
        "event:read",
        (ctx) =>
          recordDeadLetter(ctx, {
            functionId: data.function_id,
            runId: data.run_id,
            eventId: trigger.id ?? null,
            eventName: trigger.name,
            envelope: tenantEnvelope,
            // Name and message only: the stack stays out of the table (and so out of every response).
            error: { name: data.error?.name ?? "Error", message: data.error?.message ?? "" },
            attempts,
          }),
        // A failure is recorded even in a suspended organisation: dead letters are the platform's books.
        { runsWhileSuspended: true },
      ),
    );
    return { stored: created, reason: created ? ("captured" as const) : ("duplicate" as const) };
  },
);
