import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { agents, apiKeys, responseActions } from "@/db/schema";
import { keysetPage, newestFirst, newestFirstKey, pageInput } from "../pagination";
import type { TenantContext } from "../request-context";
import { toResponseDto, type ResponseDto } from "./dto";

export const listResponsesInput = z.object({
  ...pageInput,
  incidentId: z.uuid().optional().describe("Only the responses to this incident"),
});

export type ResponseItem = ResponseDto & { targetName: string | null };

/** The automatic responses, newest first, with their target's name (keyset-paginated). */
export async function listResponses(
  ctx: TenantContext,
  input: z.output<typeof listResponsesInput>,
): Promise<{ items: ResponseItem[]; nextCursor: string | null }> {
  const keyset = newestFirst(responseActions.createdAt, responseActions.id, input.cursor);
  const rows = await ctx.tx
    .select({ action: responseActions, agentName: agents.name, keyName: apiKeys.name })
    .from(responseActions)
    .leftJoin(
      agents,
      and(eq(responseActions.targetType, "agent"), eq(agents.tenantId, responseActions.tenantId), eq(agents.id, responseActions.targetId)),
    )
    .leftJoin(
      apiKeys,
      and(
        eq(responseActions.targetType, "api_key"),
        eq(apiKeys.tenantId, responseActions.tenantId),
        eq(apiKeys.id, responseActions.targetId),
      ),
    )
    .where(
      and(
        eq(responseActions.tenantId, ctx.tenant.id),
        input.incidentId ? eq(responseActions.incidentId, input.incidentId) : undefined,
        keyset.where,
      ),
    )
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(
    rows,
    input.limit,
    (r) => ({ ...toResponseDto(r.action), targetName: r.agentName ?? r.keyName ?? null }),
    (r) => newestFirstKey(r.action),
  );
}
