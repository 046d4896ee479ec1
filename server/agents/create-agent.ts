import { z } from "zod";
import { agents, agentVersions, type AgentConfig } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { admitted, assertAgentAllowed } from "../billing/quotas";
import { actingMemberId, type TenantContext } from "../request-context";
import { newCanary } from "./canary";
import { assertConfigReferences } from "./check-references";
import { normaliseConfig } from "./config";
import { agentConfigFields, agentConfigPatch, LOCAL_MODEL } from "./config-schema";
import { toAgentDto, type AgentDto } from "./dto";
import { AGENT_TEMPLATES, TEMPLATE_IDS } from "./templates";

export const createAgentInput = z.object({
  template: z.enum(TEMPLATE_IDS).optional().describe("Start from this template; the fields sent override it"),
  ...agentConfigPatch,
  name: agentConfigFields.name,
});

export type CreateAgentInput = z.infer<typeof createAgentInput>;

/** A blank agent: the local provider, no tools, no instructions yet. */
const BLANK: Omit<AgentConfig, "name"> = {
  description: "",
  instructions: "",
  model: { provider: "local", model: LOCAL_MODEL, credentialId: null },
  fallbacks: [],
  temperature: 0.3,
  maxTokens: 1024,
  tools: [],
  knowledgeCollectionIds: [],
  guardPolicy: null,
  template: null,
};

/**
 * Creates an agent and its version 1, from a template or from scratch: what the caller sent
 * wins over the template, the template over the blank defaults. The canary is minted here and
 * never leaves the server.
 */
export async function createAgent(ctx: TenantContext, input: CreateAgentInput): Promise<AgentDto> {
  const base = input.template ? { ...AGENT_TEMPLATES[input.template].config, template: input.template } : BLANK;
  const given = Object.fromEntries(Object.entries(input).filter(([key, value]) => key !== "template" && value !== undefined));
  const config = normaliseConfig({ ...base, ...given } as AgentConfig);
  await assertConfigReferences(ctx, config);
  const createdBy = actingMemberId(ctx.principal);
  // The plan's agent quota, under its lock, last before the insert: over it, a 402 and nothing written.
  const admission = await assertAgentAllowed(ctx);
  const [agent] = await ctx.tx
    .insert(agents)
    .values({ tenantId: ctx.tenant.id, name: config.name, description: config.description, canary: newCanary(), createdBy })
    .returning();
  await ctx.tx.insert(agentVersions).values({ tenantId: ctx.tenant.id, agentId: agent!.id, version: 1, config, createdBy });
  await recordChange(ctx, "agent.created", {
    targetId: agent!.id,
    facts: { version: 1, template: config.template ?? null, provider: config.model.provider, model: config.model.model },
    personal: { name: config.name },
  });
  await admitted(ctx, admission);
  return toAgentDto(agent!, config);
}
