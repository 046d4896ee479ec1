import { and, eq } from "drizzle-orm";
import { agents, apiKeys } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { agentPolicyOverride } from "../guard-policy/agent-policy";
import type { RuleMatch } from "./match-threat";
import type { PlaybookRule } from "./rules";

/**
 * Whether the rule's action can (still) be taken on its target: false when it is already in the
 * state the action would put it in (key suspended, agent not active, detector already blocking),
 * or the target is gone. Checked in the same transaction as the action.
 */
export async function canAct(ctx: TenantContext, rule: PlaybookRule, match: RuleMatch): Promise<boolean> {
  switch (rule) {
    case "notify_admins":
      return true;
    case "suspend_api_key": {
      const [key] = await ctx.tx
        .select({ suspendedAt: apiKeys.suspendedAt, revokedAt: apiKeys.revokedAt })
        .from(apiKeys)
        .where(and(eq(apiKeys.tenantId, ctx.tenant.id), eq(apiKeys.id, match.targetId)))
        .limit(1);
      return !!key && !key.suspendedAt && !key.revokedAt;
    }
    case "quarantine_agent": {
      const agent = await agentRow(ctx, match.targetId);
      return !!agent && !agent.archivedAt && agent.status === "active";
    }
    case "tighten_policy": {
      const agent = await agentRow(ctx, match.targetId);
      if (!agent || agent.archivedAt || !match.detector) return false;
      const override = await agentPolicyOverride(ctx, match.targetId);
      return (override as Record<string, { action?: string }> | null)?.[match.detector]?.action !== "block";
    }
  }
}

async function agentRow(ctx: TenantContext, id: string) {
  const [row] = await ctx.tx
    .select({ status: agents.status, archivedAt: agents.archivedAt })
    .from(agents)
    .where(and(eq(agents.tenantId, ctx.tenant.id), eq(agents.id, id)))
    .limit(1);
  return row ?? null;
}
