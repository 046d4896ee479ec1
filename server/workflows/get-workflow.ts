import type { TenantContext } from "../request-context";
import { toWorkflowDto, type WorkflowDto } from "./dto";
import { loadWorkflow } from "./load-workflow";

export async function getWorkflow(ctx: TenantContext, input: { id: string }): Promise<WorkflowDto> {
  const { row, definition } = await loadWorkflow(ctx, input.id, { includeArchived: true });
  return toWorkflowDto(row, definition);
}
