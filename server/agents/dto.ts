import { z } from "zod";
import { AGENT_STATUSES, PROVIDER_IDS, type Agent, type AgentConfig } from "@/db/schema";
import { normaliseConfig } from "./config";

/**
 * What the portal and the API see of an agent. Never the canary (it is planted in the prompt
 * to catch leaks; showing it would let anyone fake or hide one) nor the output baseline.
 */

const modelRefDto = z.object({ provider: z.enum(PROVIDER_IDS), model: z.string(), credentialId: z.uuid().nullable() });

export const agentConfigDto = z
  .object({
    name: z.string(),
    description: z.string(),
    instructions: z.string(),
    model: modelRefDto,
    fallbacks: z.array(modelRefDto),
    temperature: z.number(),
    maxTokens: z.number().int(),
    tools: z.array(z.string()),
    knowledgeCollectionIds: z.array(z.uuid()),
    guardPolicy: z.record(z.string(), z.object({ action: z.string().optional(), threshold: z.number().optional() })).nullable(),
    template: z.string().nullable(),
  })
  .meta({ id: "AgentConfig" });

const statusFields = {
  status: z.enum(AGENT_STATUSES),
  statusReason: z.string().nullable().describe("Why the agent was last quarantined, disabled or reactivated"),
};

export const agentDto = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    ...statusFields,
    currentVersion: z.number().int(),
    config: agentConfigDto.describe("The current version's configuration"),
    createdBy: z.uuid().nullable(),
    archivedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Agent" });

export const agentSummaryDto = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    ...statusFields,
    currentVersion: z.number().int(),
    provider: z.enum(PROVIDER_IDS),
    model: z.string(),
    archivedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "AgentSummary" });

export const agentVersionDto = z
  .object({
    agentId: z.uuid(),
    version: z.number().int(),
    config: agentConfigDto,
    changedFields: z.array(z.string()).describe("Fields that differ from the version before; empty for the first"),
    createdBy: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AgentVersion" });

export type AgentDto = z.infer<typeof agentDto>;
export type AgentSummaryDto = z.infer<typeof agentSummaryDto>;
export type AgentVersionDto = z.infer<typeof agentVersionDto>;
export type AgentConfigDto = z.infer<typeof agentConfigDto>;

export function toConfigDto(config: AgentConfig): AgentConfigDto {
  const c = normaliseConfig(config);
  return {
    ...c,
    model: { ...c.model, credentialId: c.model.credentialId ?? null },
    fallbacks: c.fallbacks.map((f) => ({ ...f, credentialId: f.credentialId ?? null })),
    guardPolicy: c.guardPolicy as AgentConfigDto["guardPolicy"],
    template: c.template ?? null,
  };
}

export function toAgentDto(agent: Agent, config: AgentConfig): AgentDto {
  return {
    id: agent.id,
    name: agent.name,
    description: agent.description,
    status: agent.status,
    statusReason: agent.statusReason,
    currentVersion: agent.currentVersion,
    config: toConfigDto(config),
    createdBy: agent.createdBy,
    archivedAt: agent.archivedAt?.toISOString() ?? null,
    createdAt: agent.createdAt.toISOString(),
    updatedAt: agent.updatedAt.toISOString(),
  };
}

export function toAgentSummaryDto(agent: Agent, config: AgentConfig | null): AgentSummaryDto {
  return {
    id: agent.id,
    name: agent.name,
    description: agent.description,
    status: agent.status,
    statusReason: agent.statusReason,
    currentVersion: agent.currentVersion,
    provider: config?.model.provider ?? "local",
    model: config?.model.model ?? "",
    archivedAt: agent.archivedAt?.toISOString() ?? null,
    createdAt: agent.createdAt.toISOString(),
    updatedAt: agent.updatedAt.toISOString(),
  };
}
