import { and, asc, eq } from "drizzle-orm";
import { agents, incidentActivity, runs, runSteps } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { toRunDto, toRunStepDto, type RunDto, type RunStepDto } from "./dto";

/**
 * One run with its steps in order, and the incidents it opened or joined (so the run page can link
 * to them; the incident side already links back through first/last run). Another tenant's run is not found.
 */
export async function getRun(ctx: TenantContext, input: { id: string }): Promise<RunDto & { steps: RunStepDto[]; incidentIds: string[] }> {
  const [row] = await ctx.tx
    .select({ run: runs, agentName: agents.name })
    .from(runs)
    .leftJoin(agents, and(eq(agents.tenantId, runs.tenantId), eq(agents.id, runs.agentId)))
    .where(and(eq(runs.tenantId, ctx.tenant.id), eq(runs.id, input.id)))
    .limit(1);
  if (!row) throw new NotFoundError("Run");
  const steps = await ctx.tx
    .select()
    .from(runSteps)
    .where(and(eq(runSteps.tenantId, ctx.tenant.id), eq(runSteps.runId, input.id)))
    .orderBy(asc(runSteps.ordinal));
  const incidentRows = await ctx.tx
    .selectDistinct({ incidentId: incidentActivity.incidentId })
    .from(incidentActivity)
    .where(and(eq(incidentActivity.tenantId, ctx.tenant.id), eq(incidentActivity.runId, input.id)));
  const incidentIds = incidentRows.map((r) => r.incidentId).sort();
  return { ...toRunDto(row.run, row.agentName), steps: steps.map(toRunStepDto), incidentIds };
}
