import { and, eq, ilike, or } from "drizzle-orm";
import { z } from "zod";
import { workflows } from "@/db/schema";
import { keysetPage, newestFirst, newestFirstKey, pageInput } from "../pagination";
import type { TenantContext } from "../request-context";
import { toWorkflowSummaryDto, type WorkflowSummaryDto } from "./dto";

export const listWorkflowsInput = z.object({
  ...pageInput,
  q: z.string().trim().max(100).optional().describe("Matches the name or description, case-insensitively"),
});

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Newest first, keyset-paginated; archived workflows are left out. */
export async function listWorkflows(
  ctx: TenantContext,
  input: z.infer<typeof listWorkflowsInput>,
): Promise<{ items: WorkflowSummaryDto[]; nextCursor: string | null }> {
  const keyset = newestFirst(workflows.createdAt, workflows.id, input.cursor);
  const pattern = input.q ? `%${escapeLike(input.q)}%` : null;
  const rows = await ctx.tx
    .select()
    .from(workflows)
    .where(
      and(
        eq(workflows.tenantId, ctx.tenant.id),
        eq(workflows.status, "active"),
        pattern ? or(ilike(workflows.name, pattern), ilike(workflows.description, pattern)) : undefined,
        keyset.where,
      ),
    )
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(rows, input.limit, toWorkflowSummaryDto, newestFirstKey);
}
