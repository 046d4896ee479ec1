import { and, eq, gte, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { agents, RISK_LEVELS, RUN_STATUSES, runs } from "@/db/schema";
import { boundedDate } from "../bounded-date";
import { keysetPage, newestFirst, newestFirstKey, pageInput } from "../pagination";
import type { TenantContext } from "../request-context";
import { toRunDto, type RunDto } from "./dto";

export const listRunsInput = z.object({
  ...pageInput,
  agentId: z.uuid().optional(),
  status: z.enum(RUN_STATUSES).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  conversationId: z.uuid().optional(),
  from: boundedDate.optional(),
  to: boundedDate.optional(),
});

export type ListRunsInput = z.infer<typeof listRunsInput>;

/** Newest first, keyset-paginated; filters by agent, status, risk level, conversation and a creation-date range [from, to). */
export async function listRuns(ctx: TenantContext, input: ListRunsInput): Promise<{ items: RunDto[]; nextCursor: string | null }> {
  const keyset = newestFirst(runs.createdAt, runs.id, input.cursor);
  const filters: (SQL | undefined)[] = [
    eq(runs.tenantId, ctx.tenant.id),
    input.agentId ? eq(runs.agentId, input.agentId) : undefined,
    input.status ? eq(runs.status, input.status) : undefined,
    input.riskLevel ? eq(runs.riskLevel, input.riskLevel) : undefined,
    input.conversationId ? eq(runs.conversationId, input.conversationId) : undefined,
    input.from ? gte(runs.createdAt, input.from) : undefined,
    input.to ? lt(runs.createdAt, input.to) : undefined,
    keyset.where,
  ];
  const rows = await ctx.tx
    .select({ run: runs, agentName: agents.name })
    .from(runs)
    .leftJoin(agents, and(eq(agents.tenantId, runs.tenantId), eq(agents.id, runs.agentId)))
    .where(and(...filters))
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(
    rows,
    input.limit,
    (r) => toRunDto(r.run, r.agentName),
    (r) => newestFirstKey(r.run),
  );
}
