import { and, desc, eq, sql } from "drizzle-orm";
import { events, responseActions } from "@/db/schema";
import type { TenantContext } from "../request-context";
import type { RuleMatch } from "./match-threat";
import type { PlaybookRule } from "./rules";

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
 * Matching threats in the window that ends at the trigger (its own time, read in SQL at full
 * precision: a JS Date would cut microseconds and miss the trigger itself) and starts
 * `windowMinutes` earlier, or after `after` (the rule's last action or undo) if that is later.
 * Read from the events table — durable, so a restart or a retry counts the same. Replayed copies
 * are left out: a replay must not re-trigger. With no stored trigger (it cannot be read), the
 * window ends now.
 */
export async function countThreats(
  ctx: Pick<TenantContext, "tx" | "tenant">,
  match: RuleMatch,
  window: { triggerId: string; windowMinutes: number; after: Date | null },
): Promise<number> {
  const until = sql`coalesce((select t.occurred_at from events t where t.tenant_id = ${ctx.tenant.id} and t.id = ${window.triggerId}), now())`;
  const [row] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(events)
    .where(
      and(
        eq(events.tenantId, ctx.tenant.id),
        eq(events.type, "guard.threat_detected"),
        sql`${events.replayOf} is null`,
        sql`${events.occurredAt} <= ${until}`,
        sql`${events.occurredAt} > ${until} - make_interval(mins => ${window.windowMinutes})`,
        window.after ? sql`${events.occurredAt} > ${window.after.toISOString()}::timestamptz` : undefined,
        match.counts,
      ),
    );
  return row?.n ?? 0;
}
