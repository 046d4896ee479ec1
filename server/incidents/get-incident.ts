import { and, asc, eq, sql } from "drizzle-orm";
import { agents, apiKeys, incidentActivity, incidents, users } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { asEvidence, toActivityDto, toIncidentDto, type IncidentDetailDto } from "./dto";
import { incidentNameColumns } from "./list-incidents";

/** The timeline shows at most this many entries (the oldest first; occurrences beyond are counted). */
export const ACTIVITY_LIMIT = 500;

/** Fetch-or-throw, locking the row when asked: "not yours" and "not there" are the same 404. */
export async function findIncident(ctx: TenantContext, id: string, lock = false) {
  const query = ctx.tx
    .select({ incident: incidents, ...incidentNameColumns })
    .from(incidents)
    .leftJoin(agents, and(eq(agents.tenantId, incidents.tenantId), eq(agents.id, incidents.agentId)))
    .leftJoin(apiKeys, and(eq(apiKeys.tenantId, incidents.tenantId), eq(apiKeys.id, incidents.apiKeyId)))
    .leftJoin(users, eq(users.id, incidents.userId))
    .where(and(eq(incidents.tenantId, ctx.tenant.id), eq(incidents.id, id)))
    .limit(1);
  const [row] = lock ? await query.for("update", { of: incidents }) : await query;
  if (!row) throw new NotFoundError("Incident", "incident_not_found");
  return row;
}

/** An incident with its evidence and its timeline (occurrences, status changes, comments). */
export async function getIncident(ctx: TenantContext, { id }: { id: string }): Promise<IncidentDetailDto> {
  const row = await findIncident(ctx, id);
  const activity = await ctx.tx
    .select({ activity: incidentActivity, userEmail: users.email, keyName: apiKeys.name })
    .from(incidentActivity)
    .leftJoin(users, and(eq(incidentActivity.authorType, "user"), sql`${users.id}::text = ${incidentActivity.authorId}`))
    .leftJoin(
      apiKeys,
      and(
        eq(incidentActivity.authorType, "api_key"),
        eq(apiKeys.tenantId, incidentActivity.tenantId),
        sql`${apiKeys.id}::text = ${incidentActivity.authorId}`,
      ),
    )
    .where(and(eq(incidentActivity.tenantId, ctx.tenant.id), eq(incidentActivity.incidentId, id)))
    .orderBy(asc(incidentActivity.createdAt), asc(incidentActivity.id))
    .limit(ACTIVITY_LIMIT);
  return {
    ...toIncidentDto(row.incident, row),
    evidence: asEvidence(row.incident.evidence),
    activity: activity.map((a) => toActivityDto(a.activity, a.userEmail ?? a.keyName ?? null)),
  };
}
