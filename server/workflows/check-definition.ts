import type { TenantContext } from "../request-context";
import { tenantAgentLookup } from "./agent-lookup";
import type { WorkflowDefinition } from "./definition";
import { definitionError } from "./problem-messages";
import { findProblems } from "./validate";

/** Refuses a definition with a 400 naming the first node at fault (every problem in `details`), in the caller's language. */
export async function assertValidDefinition(ctx: TenantContext, definition: WorkflowDefinition): Promise<void> {
  const problems = await findProblems(definition, tenantAgentLookup(ctx));
  if (problems.length) throw definitionError(problems, ctx.locale);
}
