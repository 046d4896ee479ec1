import { desc, eq } from "drizzle-orm";
import { events } from "@/db/schema";
import { recordDeadLetter } from "@/server/events/dead-letter-record";
import { asSystem } from "../../support/callers";
import type { TestDatabase } from "../../support/databases";

/**
 * The explorer's tables for a tenant: its events are already there (every verb the seed calls
 * appends one), so this adds a dead letter for the newest, written through the capture's own verb
 * in a tenant transaction — the same wall the capture function goes through.
 */
export async function seedEventRows(db: TestDatabase, tenantId: string) {
  await asSystem(db, tenantId, async (ctx) => {
    const [latest] = await ctx.tx.select().from(events).where(eq(events.tenantId, tenantId)).orderBy(desc(events.id)).limit(1);
    if (!latest) throw new Error("the seed expected the tenant's verbs to have appended events");
    await recordDeadLetter(ctx, {
      functionId: "agentry-webhook-delivery",
      runId: `run-${latest.id}`,
      eventId: latest.id,
      eventName: latest.type,
      envelope: { tenantId, correlationId: latest.correlationId, payload: latest.payload },
      error: { name: "Error", message: "The endpoint answered 500" },
      attempts: 4,
    });
  });
}
