import { and, desc, eq, isNotNull } from "drizzle-orm";
import { runs } from "@/db/schema";
import type { ChatMessage } from "@/server/agents/providers";
import type { TenantContext } from "../request-context";
import { HISTORY_TURNS } from "./limits";

/**
 * The earlier turns of a conversation with this agent, oldest first, as chat messages. Only
 * completed runs count: a blocked input never reaches a model, not even as history, and a
 * failed turn has no answer to replay. Outputs are replayed as stored (already redacted).
 */
export async function conversationHistory(ctx: TenantContext, agentId: string, conversationId: string | undefined): Promise<ChatMessage[]> {
  if (!conversationId) return [];
  const rows = await ctx.tx
    .select({ input: runs.input, output: runs.output })
    .from(runs)
    .where(
      and(
        eq(runs.tenantId, ctx.tenant.id),
        eq(runs.conversationId, conversationId),
        eq(runs.agentId, agentId),
        eq(runs.status, "completed"),
        isNotNull(runs.output),
      ),
    )
    .orderBy(desc(runs.createdAt))
    .limit(HISTORY_TURNS);
  return rows.reverse().flatMap((r): ChatMessage[] => [
    { role: "user", content: r.input },
    { role: "assistant", content: r.output ?? "" },
  ]);
}
