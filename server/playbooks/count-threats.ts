import { and, desc, eq, sql } from "drizzle-orm";
import { events, responseActions } from "@/db/schema";
import type { TenantContext } from "../request-context";
import type { RuleMatch } from "./match-threat";
import type { PlaybookRule } from "./rules";

/** When the trigger happened, from the outbox (durable, and the same on a retry or a late delivery). */
export async function occurredAtOf(ctx: Pick<TenantContext, "tx" | "tenant">, eventId: string): Promise<Date | null> {
  const [row] = await ctx.tx
    .select({ at: events.occurredAt })
    .from(events)
    .where(and(eq(events.tenantId, ctx.tenant.id), eq(events.id, eventId)))
    .limit(1);
  return row?.at ?? null;
}

/** The rule's last action on this target: counting starts again after it (after its undo, if undone). */
export async function lastActionOn(ctx: Pick<TenantContext, "tx" | "tenant">, rule: PlaybookRule, targetId: string) {
  const [row] = await ctx.tx
    .select()
    .from(responseActions)
    .where(and(eq(responseActions.tenantId, ctx.tenant.id), eq(responseActions.rule, rule), eq(responseActions.targetId, targetId)))
    .orderBy(desc(responseActions.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Matching threats in (since, until], read from the events table — durable, so a restart or a
 * second worker counts the same. Replayed copies are left out: a replay must not re-trigger.
 */
export async function countThreats(ctx: Pick<TenantContext, "tx" | "tenant">, match: RuleMatch, since: Date, until: Date): Promise<number> {
  const [row] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(events)
    .where(
      and(
        eq(events.tenantId, ctx.tenant.id),
        eq(events.type, "guard.threat_detected"),
        sql`${events.replayOf} is null`,
        sql`${events.occurredAt} > ${since.toISOString()}::timestamptz`,
        sql`${events.occurredAt} <= ${until.toISOString()}::timestamptz`,
        match.counts,
      ),
    );
  return row?.n ?? 0;
}
