import { and, asc, isNull, lt, sql } from "drizzle-orm";
import { stripeEvents } from "@/db/schema";
import { logger } from "@/server/obs/logger";
import type { DomainContext } from "@/server/request-context";
import { processStripeEvent } from "./apply-event";

/**
 * The safety net under the webhook's hand-over: events recorded more than `olderThanMs` ago and
 * still unprocessed (their function gave up, or never ran) are applied here, oldest first. Each
 * is applied at most once (processStripeEvent skips processed rows), so racing the function is harmless.
 */
export async function sweepUnprocessed(deps: DomainContext, options: { olderThanMs?: number; max?: number; now?: Date } = {}) {
  const cutoff = new Date((options.now ?? new Date()).getTime() - (options.olderThanMs ?? 5 * 60_000));
  const rows = await deps.scopes.withPlatformSweep(
    "stripe events: sweep",
    { type: "system", id: "stripe-billing", requestId: deps.meta.requestId },
    (tx) =>
      tx
        .select({ id: stripeEvents.id })
        .from(stripeEvents)
        .where(and(isNull(stripeEvents.processedAt), lt(stripeEvents.receivedAt, cutoff)))
        .orderBy(asc(stripeEvents.stripeCreatedAt), asc(sql`${stripeEvents.id}`))
        .limit(options.max ?? 100),
  );
  const outcomes: Record<string, string> = {};
  for (const { id } of rows) {
    try {
      outcomes[id] = await processStripeEvent(deps, id);
    } catch (error) {
      logger.warn({ stripeEventId: id, reason: (error as Error).message }, "stripe event sweep: still failing");
      outcomes[id] = "failed";
    }
  }
  return outcomes;
}
