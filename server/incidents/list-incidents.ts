import { and, eq, gte, lt } from "drizzle-orm";
import { z } from "zod";
import { agents, apiKeys, INCIDENT_STATUSES, incidents, RISK_LEVELS, users } from "@/db/schema";
import { boundedDate } from "../bounded-date";
import { keysetPage, newestFirst, newestFirstKey, pageInput } from "../pagination";
import type { TenantContext } from "../request-context";
import { toIncidentDto, type IncidentDto } from "./dto";

const DETECTOR_IDS = ["injection", "pii", "secrets", "harmful", "canary", "anomaly"] as const;

export const listIncidentsInput = z.object({
  ...pageInput,
  status: z.enum(INCIDENT_STATUSES).optional(),
  severity: z.enum(RISK_LEVELS).optional(),
  detector: z.enum(DETECTOR_IDS).optional(),
  agentId: z.uuid().optional(),
  from: boundedDate.optional().describe("Opened at or after this instant (ISO 8601)"),
  to: boundedDate.optional().describe("Opened before this instant (ISO 8601)"),
});
export type ListIncidentsInput = z.input<typeof listIncidentsInput>;

/** The columns that name an incident's source, joined once for the list and the detail. */
export const incidentNameColumns = { agentName: agents.name, apiKeyName: apiKeys.name, userEmail: users.email };

/** Newest first, keyset-paginated on (opened at, id); every filter is an index-friendly equality or range. */
export async function listIncidents(
  ctx: TenantContext,
  input: z.output<typeof listIncidentsInput>,
): Promise<{ items: IncidentDto[]; nextCursor: string | null }> {
  const keyset = newestFirst(incidents.createdAt, incidents.id, input.cursor);
  const rows = await ctx.tx
    .select({ incident: incidents, ...incidentNameColumns })
    .from(incidents)
    .leftJoin(agents, and(eq(agents.tenantId, incidents.tenantId), eq(agents.id, incidents.agentId)))
    .leftJoin(apiKeys, and(eq(apiKeys.tenantId, incidents.tenantId), eq(apiKeys.id, incidents.apiKeyId)))
    .leftJoin(users, eq(users.id, incidents.userId))
    .where(
      and(
        eq(incidents.tenantId, ctx.tenant.id),
        input.status ? eq(incidents.status, input.status) : undefined,
        input.severity ? eq(incidents.severity, input.severity) : undefined,
        input.detector ? eq(incidents.detector, input.detector) : undefined,
        input.agentId ? eq(incidents.agentId, input.agentId) : undefined,
        input.from ? gte(incidents.createdAt, input.from) : undefined,
        input.to ? lt(incidents.createdAt, input.to) : undefined,
        keyset.where,
      ),
    )
    .orderBy(...keyset.orderBy)
    .limit(input.limit + 1);
  return keysetPage(
    rows,
    input.limit,
    (r) => toIncidentDto(r.incident, r),
    (r) => newestFirstKey(r.incident),
  );
}
