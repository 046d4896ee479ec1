import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { AGENT_STATUSES, agents } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { ValidationKey } from "../i18n/server-messages";
import type { TenantContext } from "../request-context";
import { toAgentDto, type AgentDto } from "./dto";
import { assertNotArchived, getAgentInTenant } from "./get-agent";

export const setAgentStatusInput = z
  .object({
    id: z.uuid(),
    status: z.enum(AGENT_STATUSES),
    reason: z.string().trim().max(500).optional().describe("Why; required to quarantine or disable"),
  })
  .superRefine((input, ctx) => {
    if (input.status !== "active" && (input.reason ?? "").length < 3) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "giveStatusReason" satisfies ValidationKey });
    }
  });

export type SetAgentStatusInput = z.infer<typeof setAgentStatusInput>;

/**
 * Quarantines, disables or reactivates an agent (runs check the status before anything else).
 * Not a new version: the status is about the agent, not its configuration. Setting the status
 * it already has, for the same reason, changes nothing.
 */
export async function setAgentStatus(ctx: TenantContext, input: SetAgentStatusInput): Promise<AgentDto> {
  const { agent, config } = await getAgentInTenant(ctx, input.id, { lock: true });
  assertNotArchived(agent);
  const reason = input.reason ? input.reason : null;
  if (agent.status === input.status && agent.statusReason === reason) return toAgentDto(agent, config);
  const [row] = await ctx.tx
    .update(agents)
    .set({ status: input.status, statusReason: reason, updatedAt: sql`now()` })
    .where(and(eq(agents.tenantId, ctx.tenant.id), eq(agents.id, input.id)))
    .returning();
  await recordChange(ctx, "agent.status_changed", {
    targetId: input.id,
    facts: { status: { from: agent.status, to: input.status } },
    personal: { name: agent.name, reason },
  });
  return toAgentDto(row!, config);
}
