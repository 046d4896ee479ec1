import { workflowApprovals } from "@/db/schema";
import type { seedTenant } from "../../support/callers";
import { domainContext } from "../../support/callers";
import type { TestDatabase } from "../../support/databases";

/**
 * One row in each workflow table for a tenant: the workflow and its versions and a queued run with
 * its node rows through the verbs; the approval (which only the engine opens) in a tenant
 * transaction, through the same wall.
 */
export async function seedWorkflowRows(db: TestDatabase, seeded: Awaited<ReturnType<typeof seedTenant>>, agentId: string) {
  const owner = seeded.as(seeded.owner);
  const workflow = await owner.workflows.create({
    name: "Triage",
    definition: {
      nodes: [
        { id: "draft", kind: "agent", agentId, input: "{{input.message}}" },
        { id: "review", kind: "approval", prompt: "Send {{nodes.draft.output.text}}?" },
      ],
      edges: [{ from: "draft", to: "review" }],
    },
  });
  await owner.workflows.update({ id: workflow.id, description: "Second version" });
  const run = await owner.workflows.startRun({ id: workflow.id, input: { message: "hello" } });
  const tenantId = seeded.tenant.id;
  const [approval] = await domainContext(db).scopes.withTenant(tenantId, (tx) =>
    tx
      .insert(workflowApprovals)
      .values({
        tenantId,
        workflowId: workflow.id,
        workflowRunId: run.id,
        nodeId: "review",
        prompt: "Send?",
        expiresAt: new Date(Date.now() + 3_600_000),
      })
      .returning(),
  );
  return { workflowId: workflow.id, runId: run.id, approvalId: approval!.id };
}
