import { recordChange } from "../audit/record-change";
import { setAgentStatus } from "../agents/set-agent-status";
import { getAgentInTenant } from "../agents/get-agent";
import { updateAgent } from "../agents/update-agent";
import { suspendApiKey } from "../api-keys/suspend-api-key";
import type { PolicyOverride } from "../guard/types";
import type { TenantContext } from "../request-context";
import type { RuleMatch } from "./match-threat";
import type { PlaybookRule, RuleSettings } from "./rules";

export type ActionRecord = { before: Record<string, unknown> | null; after: Record<string, unknown> | null };

type Why = { responseId: string; incidentId: string; observed: number; settings: RuleSettings };

/** The reason written on the target (agent status, key): readable in the portal and the audit log. */
function reasonOf(rule: PlaybookRule, why: Why): string {
  const what =
    rule === "quarantine_agent" ? "critical output findings" : rule === "suspend_api_key" ? "blocked injection attempts" : "guard flags";
  return `Automatic response: ${why.observed} ${what} within ${why.settings.windowMinutes} min (incident ${why.incidentId.slice(0, 8)}).`;
}

/**
 * Does what the rule does to its target, through the target area's own verbs (each audits
 * itself), and returns what undo needs. Runs inside the response's transaction.
 */
export async function takeAction(ctx: TenantContext, rule: PlaybookRule, match: RuleMatch, why: Why): Promise<ActionRecord> {
  switch (rule) {
    case "notify_admins":
      return { before: null, after: null };
    case "suspend_api_key": {
      await suspendApiKey(ctx, { id: match.targetId, reason: reasonOf(rule, why), responseId: why.responseId, incidentId: why.incidentId });
      return { before: { suspended: false }, after: { suspended: true } };
    }
    case "quarantine_agent": {
      const { agent } = await getAgentInTenant(ctx, match.targetId);
      await setAgentStatus(ctx, { id: match.targetId, status: "quarantined", reason: reasonOf(rule, why) });
      return { before: { status: agent.status, reason: agent.statusReason }, after: { status: "quarantined" } };
    }
    case "tighten_policy": {
      const detector = match.detector!;
      const { config } = await getAgentInTenant(ctx, match.targetId);
      const current = (config.guardPolicy ?? {}) as PolicyOverride;
      const previous = (current as Record<string, Record<string, unknown> | undefined>)[detector] ?? null;
      const next = { ...current, [detector]: { ...(previous ?? {}), action: "block" } } as PolicyOverride;
      const updated = await updateAgent(ctx, { id: match.targetId, guardPolicy: next });
      await recordChange(ctx, "guard.policy_tightened", {
        targetId: match.targetId,
        facts: {
          detector,
          from: previous,
          to: { ...(previous ?? {}), action: "block" },
          toVersion: updated.currentVersion,
          responseId: why.responseId,
        },
      });
      return {
        before: { detector, override: previous },
        after: { detector, override: { ...(previous ?? {}), action: "block" }, version: updated.currentVersion },
      };
    }
  }
}
