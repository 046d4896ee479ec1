import type { TenantContext } from "../request-context";
import { deadLetters } from "@/db/schema";

export type DeadLetterDraft = {
  functionId: string;
  runId: string;
  eventId: string | null;
  eventName: string;
  envelope: Record<string, unknown>;
  error: { name: string; message: string };
  attempts: number | null;
};

/** Error text kept for the list: one line, bounded; never a stack (it is not even passed in). */
function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Writes a dead letter for a function run that exhausted its retries, once: the failed run's id
 * is unique per tenant, so a failure event delivered twice (or a capture step retried) leaves one
 * row. Returns whether this call wrote it.
 */
export async function recordDeadLetter(ctx: Pick<TenantContext, "tx" | "tenant">, draft: DeadLetterDraft): Promise<{ created: boolean }> {
  const inserted = await ctx.tx
    .insert(deadLetters)
    .values({
      tenantId: ctx.tenant.id,
      functionId: clip(draft.functionId, 200),
      runId: draft.runId,
      eventId: draft.eventId,
      eventName: clip(draft.eventName, 200),
      envelope: draft.envelope,
      errorName: clip(draft.error.name || "Error", 200),
      errorMessage: clip(draft.error.message || "(no message)", 2000),
      attempts: draft.attempts,
    })
    .onConflictDoNothing({ target: [deadLetters.tenantId, deadLetters.runId] })
    .returning({ id: deadLetters.id });
  return { created: inserted.length > 0 };
}
