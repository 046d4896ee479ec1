import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { AGENT_STATUSES, agents } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ValidationError } from "../errors";
import type { TenantContext } from "../request-context";
import { toAgentDto, type AgentDto } from "./dto";
import { assertNotArchived, getAgentInTenant } from "./get-agent";

export const setAgentStatusInput = z.object({
  id: z.uuid(),
  status: z.enum(AGENT_STATUSES),
  reason: z.string().trim().max(500).optional().describe("Why; required to quarantine or disable"),
});

const REASON_REQUIRED = "Say why (at least 3 characters): quarantining or disabling an agent is recorded with its reason.";

export type SetAgentStatusInput = z.infer<typeof setAgentStatusInput>;

/**
 * Quarantines, disables or reactivates an agent (runs check the status before anything else).
 * Not a new version: the status is about the agent, not its configuration. Setting the status
 * it already has, for the same reason, changes nothing.
 */
export async function setAgentStatus(ctx: TenantContext, input: SetAgentStatusInput): Promise<AgentDto> {
  // Whose agent it is comes first: another tenant's id is a 404 whatever the body says.
  const { agent, config } = await getAgentInTenant(ctx, input.id, { lock: true });
  assertNotArchived(agent);
  if (input.status !== "active" && (input.reason ?? "").length < 3) {
    throw new ValidationError(REASON_REQUIRED, { reason: REASON_REQUIRED }, "status_reason_required");
  }
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
