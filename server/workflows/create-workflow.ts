import { randomUUID } from "node:crypto";
import { z } from "zod";
import { workflows, workflowVersions } from "@/db/schema";
import { createAgent } from "../agents/create-agent";
import { recordChange } from "../audit/record-change";
import { ValidationError } from "../errors";
import { actingMemberId, type TenantContext } from "../request-context";
import { assertValidDefinition } from "./check-definition";
import { customerServiceDefinition, WORKFLOW_TEMPLATE_IDS } from "./customer-service-template";
import { workflowDefinition, type WorkflowDefinition } from "./definition";
import { toWorkflowDto, type WorkflowDto } from "./dto";
import { newHookSecret, sealHookSecret } from "./hook-secret";

export const workflowName = z.string().trim().min(1).max(100);
export const workflowDescription = z.string().trim().max(500);

export const createWorkflowInput = z.object({
  name: workflowName,
  description: workflowDescription.default(""),
  definition: workflowDefinition.optional(),
  template: z.enum(WORKFLOW_TEMPLATE_IDS).optional(),
  agentId: z.uuid().optional(),
});

export type CreateWorkflowInput = z.input<typeof createWorkflowInput>;

/** The definition a template starts with; its agent nodes use `agentId`, or a new customer-service agent. */
async function templateDefinition(ctx: TenantContext, name: string, agentId: string | undefined): Promise<WorkflowDefinition> {
  const id = agentId ?? (await createAgent(ctx, { template: "customer-service", name: `${name} agent`.slice(0, 100) })).id;
  return customerServiceDefinition(id);
}

/**
 * Creates a workflow at version 1 from a definition or the template, with a fresh inbound-webhook
 * secret — returned here once (only its sealed form is kept).
 */
export async function createWorkflow(ctx: TenantContext, raw: CreateWorkflowInput): Promise<WorkflowDto & { hookSecret: string }> {
  const input = createWorkflowInput.parse(raw);
  if (!input.definition && !input.template) {
    throw new ValidationError("Send a definition or a template.", { definition: "Send a definition or a template." });
  }
  const definition = input.definition ?? (await templateDefinition(ctx, input.name, input.agentId));
  await assertValidDefinition(ctx, definition);
  const id = randomUUID();
  const hookSecret = newHookSecret();
  const createdBy = actingMemberId(ctx.principal);
  const [row] = await ctx.tx
    .insert(workflows)
    .values({
      id,
      tenantId: ctx.tenant.id,
      name: input.name,
      description: input.description,
      createdBy,
      ...sealHookSecret(ctx.tenant.id, id, hookSecret),
    })
    .returning();
  await ctx.tx.insert(workflowVersions).values({ tenantId: ctx.tenant.id, workflowId: id, version: 1, definition, createdBy });
  await recordChange(ctx, "workflow.created", {
    targetId: id,
    facts: { version: 1, nodes: definition.nodes.length, template: input.definition ? null : (input.template ?? null) },
    personal: { name: input.name },
  });
  return { ...toWorkflowDto(row!, definition), hookSecret };
}
