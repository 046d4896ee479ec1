import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { agentVersions, type AgentVersion } from "@/db/schema";
import { encodeCursor, decodeCursor, pageInput } from "../pagination";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { changedFields } from "./config";
import { toConfigDto, type AgentVersionDto } from "./dto";
import { getAgentInTenant } from "./get-agent";

export const listAgentVersionsInput = z.object({ id: z.uuid(), ...pageInput });

export const getAgentVersionInput = z.object({
  id: z.uuid(),
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 ** 31 - 1),
});

const VERSION_KEY = [{ expr: agentVersions.version, type: "int4" as const }];

function toVersionDto(row: AgentVersion, previous: AgentVersion | undefined): AgentVersionDto {
  return {
    agentId: row.agentId,
    version: row.version,
    config: toConfigDto(row.config),
    changedFields: previous ? changedFields(previous.config, row.config) : [],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Newest version first; each says which fields it changed, so a history reads as a list of edits. */
export async function listAgentVersions(
  ctx: TenantContext,
  input: z.infer<typeof listAgentVersionsInput>,
): Promise<{ items: AgentVersionDto[]; nextCursor: string | null }> {
  await getAgentInTenant(ctx, input.id);
  const after = input.cursor ? (decodeCursor(input.cursor, VERSION_KEY)[0] as number) : null;
  // One row beyond the page tells whether there is more, and one more is the last item's predecessor.
  const rows = await ctx.tx
    .select()
    .from(agentVersions)
    .where(
      and(
        eq(agentVersions.tenantId, ctx.tenant.id),
        eq(agentVersions.agentId, input.id),
        after === null ? undefined : lt(agentVersions.version, after),
      ),
    )
    .orderBy(desc(agentVersions.version))
    .limit(input.limit + 2);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row, i) => toVersionDto(row, rows[i + 1])),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.version]) : null,
  };
}

export async function getAgentVersion(ctx: TenantContext, input: z.infer<typeof getAgentVersionInput>): Promise<AgentVersionDto> {
  await getAgentInTenant(ctx, input.id);
  const { version } = input;
  const rows = await ctx.tx
    .select()
    .from(agentVersions)
    .where(
      and(
        eq(agentVersions.tenantId, ctx.tenant.id),
        eq(agentVersions.agentId, input.id),
        // This version and the one before it, for `changedFields`.
        lt(agentVersions.version, version + 1),
      ),
    )
    .orderBy(desc(agentVersions.version))
    .limit(2);
  if (rows[0]?.version !== version) throw new NotFoundError("Agent version");
  return toVersionDto(rows[0], rows[1]);
}
