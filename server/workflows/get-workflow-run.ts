import { and, asc, eq } from "drizzle-orm";
import { workflowNodeRuns, workflowRuns, workflows } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import { toNodeRunDto, toWorkflowRunDto, type NodeRunDto, type WorkflowRunDto } from "./dto";

/** A run with every node's state (what the run page polls). */
export async function getWorkflowRun(
  ctx: Pick<TenantContext, "tx" | "tenant">,
  input: { id: string },
): Promise<WorkflowRunDto & { nodes: NodeRunDto[] }> {
  const [found] = await ctx.tx
    .select({ run: workflowRuns, name: workflows.name })
    .from(workflowRuns)
    .leftJoin(workflows, and(eq(workflows.tenantId, workflowRuns.tenantId), eq(workflows.id, workflowRuns.workflowId)))
    .where(and(eq(workflowRuns.tenantId, ctx.tenant.id), eq(workflowRuns.id, input.id)))
    .limit(1);
  if (!found) throw new NotFoundError("Workflow run");
  const nodes = await ctx.tx
    .select()
    .from(workflowNodeRuns)
    .where(and(eq(workflowNodeRuns.tenantId, ctx.tenant.id), eq(workflowNodeRuns.workflowRunId, input.id)))
    .orderBy(asc(workflowNodeRuns.id));
  return { ...toWorkflowRunDto(found.run, found.name), nodes: nodes.map(toNodeRunDto) };
}
