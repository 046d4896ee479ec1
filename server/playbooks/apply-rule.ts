import { and, eq } from "drizzle-orm";
import { incidentActivity, responseActions } from "@/db/schema";
import { DomainError } from "../errors";
import { emitEvent } from "../events/emit-event";
import { authorOf } from "../incidents/report-finding";
import type { TenantContext } from "../request-context";
import { countThreats, lastActionOn } from "./count-threats";
import { getPlaybookSettings } from "./get-playbooks";
import { matchRule, type RuleMatch, type ThreatPayload } from "./match-threat";
import { notifyAdmins } from "./notify";
import type { PlaybookRule, RuleSettings } from "./rules";
import { canAct } from "./target-state";
import { takeAction } from "./take-action";

export type RuleOutcome = {
  rule: PlaybookRule;
  result: "disabled" | "not_applicable" | "below_threshold" | "already_done" | "acted" | "refused";
  observed?: number;
  responseId?: string;
  /** `refused`: the error code the target area answered with. */
  code?: string;
};

/**
 * One playbook rule against one `guard.threat_detected` event, in one transaction: count the
 * matching threats in the rule's window (from the events table, up to the trigger's own time),
 * and if the threshold is reached and the target is not already in that state, act — the
 * target's change with its audit row, the response row, the incident's timeline entry, the
 * admins' notifications and the `incident.auto_response` event, all or nothing.
 *
 * Idempotent: the response row is unique per (rule, trigger event), so the same event handled
 * twice takes no second action. After an action (or its undo) counting starts afresh, so an undo
 * is not overturned by the threats that caused the action.
 */
export async function applyRule(
  ctx: TenantContext,
  rule: PlaybookRule,
  trigger: { id: string; payload: ThreatPayload },
): Promise<RuleOutcome> {
  const settings = (await getPlaybookSettings(ctx))[rule];
  if (!settings.enabled) return { rule, result: "disabled" };
  const match = matchRule(rule, trigger.payload);
  if (!match) return { rule, result: "not_applicable" };

  const last = await lastActionOn(ctx, rule, match.targetId);
  // Notifying is once per incident; the other actions wait for a fresh run of threats after the last one (or its undo).
  if (rule === "notify_admins" && last) return { rule, result: "already_done" };
  const after = last ? (last.undoneAt ?? last.createdAt) : null;
  const observed = await countThreats(ctx, match, { triggerId: trigger.id, windowMinutes: settings.windowMinutes, after });
  if (observed < settings.threshold) return { rule, result: "below_threshold", observed };
  if (!(await canAct(ctx, rule, match))) return { rule, result: "already_done", observed };

  // In a savepoint: a target area refusing the action (e.g. an agent whose configuration no
  // longer validates) rolls back only this rule's writes and is reported, not retried for ever.
  try {
    const responseId = await ctx.tx.transaction((sp) =>
      act({ ...ctx, tx: sp as TenantContext["tx"] }, rule, trigger, match, observed, settings),
    );
    if (!responseId) return { rule, result: "already_done", observed };
    return { rule, result: "acted", observed, responseId };
  } catch (error) {
    if (error instanceof DomainError) return { rule, result: "refused", observed, code: error.code };
    throw error;
  }
}

/** The action itself, with everything recorded beside it; null when this (rule, trigger) has already acted. */
async function act(
  ctx: TenantContext,
  rule: PlaybookRule,
  trigger: { id: string; payload: ThreatPayload },
  match: RuleMatch,
  observed: number,
  settings: RuleSettings,
): Promise<string | null> {
  const incidentId = trigger.payload.incidentId;
  const [row] = await ctx.tx
    .insert(responseActions)
    .values({
      tenantId: ctx.tenant.id,
      rule,
      targetType: match.targetType,
      targetId: match.targetId,
      incidentId,
      triggerEventId: trigger.id,
      observed,
      reversible: rule !== "notify_admins",
    })
    .onConflictDoNothing()
    .returning({ id: responseActions.id });
  if (!row) return null;
  const responseId = row.id;

  const record = await takeAction(ctx, rule, match, { responseId, incidentId, observed, settings });
  await ctx.tx
    .update(responseActions)
    .set({ before: record.before, after: record.after })
    .where(and(eq(responseActions.tenantId, ctx.tenant.id), eq(responseActions.id, responseId)));
  const detail = {
    responseId,
    rule,
    targetType: match.targetType,
    targetId: match.targetId,
    observed,
    threshold: settings.threshold,
    windowMinutes: settings.windowMinutes,
    reversible: rule !== "notify_admins",
    ...(match.detector ? { detector: match.detector } : {}),
  };
  await ctx.tx.insert(incidentActivity).values({ tenantId: ctx.tenant.id, incidentId, kind: "auto_response", ...authorOf(ctx), detail });
  await notifyAdmins(ctx, { kind: rule === "notify_admins" ? "incident" : "auto_response", incidentId, responseId, detail });
  await emitEvent(ctx, "incident.auto_response", {
    responseId,
    rule,
    incidentId,
    targetType: match.targetType,
    targetId: match.targetId,
    observed,
    threshold: settings.threshold,
    windowMinutes: settings.windowMinutes,
    severity: trigger.payload.severity,
    reversible: rule !== "notify_admins",
  });
  return responseId;
}
