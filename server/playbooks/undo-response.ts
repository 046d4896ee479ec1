import { and, eq, isNull } from "drizzle-orm";
import { agents, incidentActivity, responseActions, type ResponseAction } from "@/db/schema";
import { actorOf, recordChange } from "../audit/record-change";
import { setAgentStatus } from "../agents/set-agent-status";
import { getAgentInTenant } from "../agents/get-agent";
import { updateAgent } from "../agents/update-agent";
import { reinstateApiKey } from "../api-keys/reinstate-api-key";
import { ConflictError, NotFoundError } from "../errors";
import type { PolicyOverride } from "../guard/types";
import { authorOf } from "../incidents/report-finding";
import { actingMemberId, type TenantContext } from "../request-context";
import { toResponseDto, type ResponseDto } from "./dto";

/** Puts the target back as it was before the action, through the target area's own verbs (each audited). */
async function restore(ctx: TenantContext, action: ResponseAction) {
  const before = action.before ?? {};
  switch (action.rule) {
    case "suspend_api_key":
      await reinstateApiKey(ctx, { id: action.targetId, responseId: action.id });
      return;
    case "quarantine_agent": {
      const [agent] = await ctx.tx
        .select({ status: agents.status, archivedAt: agents.archivedAt })
        .from(agents)
        .where(and(eq(agents.tenantId, ctx.tenant.id), eq(agents.id, action.targetId)))
        .limit(1);
      // Someone changed the status since (or archived the agent): theirs is the newer decision.
      if (!agent || agent.archivedAt || agent.status !== "quarantined") return;
      const status = (before.status as "active" | "quarantined" | "disabled" | undefined) ?? "active";
      const reason = typeof before.reason === "string" && before.reason.length >= 3 ? before.reason : undefined;
      await setAgentStatus(ctx, { id: action.targetId, status, reason: reason ?? (status === "active" ? undefined : "Restored by undo") });
      return;
    }
    case "tighten_policy": {
      const detector = String(before.detector ?? "");
      if (!detector) return;
      const { agent, config } = await getAgentInTenant(ctx, action.targetId);
      if (agent.archivedAt) return;
      const current = { ...((config.guardPolicy ?? {}) as Record<string, unknown>) };
      if (before.override) current[detector] = before.override;
      else delete current[detector];
      const next = Object.keys(current).length > 0 ? (current as PolicyOverride) : null;
      await updateAgent(ctx, { id: action.targetId, guardPolicy: next });
      return;
    }
    case "notify_admins":
      return;
  }
}

/**
 * Undoes an automatic response with one click: the key reinstated, the agent's previous status
 * or the detector's previous policy restored — audited (`response.undone`, plus the target's own
 * change), on the incident's timeline, with who and when. Undoing what is already undone
 * changes nothing. A notification cannot be undone (409).
 */
export async function undoResponse(ctx: TenantContext, { id }: { id: string }): Promise<ResponseDto> {
  const [action] = await ctx.tx
    .select()
    .from(responseActions)
    .where(and(eq(responseActions.tenantId, ctx.tenant.id), eq(responseActions.id, id)))
    .limit(1)
    .for("update");
  if (!action) throw new NotFoundError("Response", "response_not_found");
  if (!action.reversible) throw new ConflictError("A notification cannot be undone.", "response_not_reversible");
  if (action.undoneAt) return toResponseDto(action);
  await restore(ctx, action);
  const actor = actorOf(ctx.principal);
  const [row] = await ctx.tx
    .update(responseActions)
    .set({ undoneAt: new Date(), undoneBy: actingMemberId(ctx.principal), undoneByLabel: actor.label })
    .where(and(eq(responseActions.tenantId, ctx.tenant.id), eq(responseActions.id, id), isNull(responseActions.undoneAt)))
    .returning();
  await ctx.tx.insert(incidentActivity).values({
    tenantId: ctx.tenant.id,
    incidentId: action.incidentId,
    kind: "auto_response",
    ...authorOf(ctx),
    detail: { responseId: action.id, rule: action.rule, targetType: action.targetType, targetId: action.targetId, undone: true },
  });
  await recordChange(ctx, "response.undone", {
    targetId: action.id,
    facts: { rule: action.rule, targetType: action.targetType, targetId: action.targetId, incidentId: action.incidentId },
  });
  return toResponseDto(row!);
}
