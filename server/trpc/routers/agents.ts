import { z } from "zod";
import { agentFormOptions, agentFormOptionsDto } from "../../agents/form-options";
import { archiveAgent } from "../../agents/archive-agent";
import { getAgentVersion, getAgentVersionInput, listAgentVersions, listAgentVersionsInput } from "../../agents/agent-versions";
import { createAgent, createAgentInput } from "../../agents/create-agent";
import { agentDto, agentSummaryDto, agentVersionDto } from "../../agents/dto";
import { getAgent } from "../../agents/get-agent";
import { listAgents, listAgentsInput } from "../../agents/list-agents";
import { setAgentStatus, setAgentStatusInput } from "../../agents/set-agent-status";
import { agentTemplateDto, listAgentTemplates } from "../../agents/templates";
import { updateAgent, updateAgentInput } from "../../agents/update-agent";
import { createTRPCRouter, tenantProcedure } from "../init";

const idParam = z.object({ id: z.uuid() });
const TAGS = ["agents"];

export const agentsRouter = createTRPCRouter({
  list: tenantProcedure
    .meta({ permission: "agent:read", openapi: { method: "GET", path: "/agents", tags: TAGS, summary: "List agents", protect: true } })
    .input(listAgentsInput)
    .output(z.object({ items: z.array(agentSummaryDto), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listAgents(ctx.tenantCtx, input)),

  get: tenantProcedure
    .meta({
      permission: "agent:read",
      openapi: { method: "GET", path: "/agents/{id}", tags: TAGS, summary: "Get an agent", protect: true },
    })
    .input(idParam)
    .output(agentDto)
    .query(({ ctx, input }) => getAgent(ctx.tenantCtx, input)),

  create: tenantProcedure
    .meta({
      permission: "agent:create",
      openapi: { method: "POST", path: "/agents", tags: TAGS, summary: "Create an agent, from scratch or from a template", protect: true },
    })
    .input(createAgentInput)
    .output(agentDto)
    .mutation(({ ctx, input }) => createAgent(ctx.tenantCtx, input)),

  update: tenantProcedure
    .meta({
      permission: "agent:update",
      openapi: {
        method: "PATCH",
        path: "/agents/{id}",
        tags: TAGS,
        summary: "Edit an agent (a change saves a new version)",
        protect: true,
      },
    })
    .input(updateAgentInput)
    .output(agentDto.extend({ changed: z.boolean().describe("False when nothing differed: no version was saved") }))
    .mutation(({ ctx, input }) => updateAgent(ctx.tenantCtx, input)),

  setStatus: tenantProcedure
    .meta({
      permission: "agent:update",
      openapi: {
        method: "POST",
        path: "/agents/{id}/status",
        tags: TAGS,
        summary: "Quarantine, disable or reactivate an agent",
        protect: true,
      },
    })
    .input(setAgentStatusInput)
    .output(agentDto)
    .mutation(({ ctx, input }) => setAgentStatus(ctx.tenantCtx, input)),

  archive: tenantProcedure
    .meta({
      permission: "agent:archive",
      openapi: { method: "DELETE", path: "/agents/{id}", tags: TAGS, summary: "Archive an agent (it stops running)", protect: true },
    })
    .input(idParam)
    .output(agentDto)
    .mutation(({ ctx, input }) => archiveAgent(ctx.tenantCtx, input)),

  versions: tenantProcedure
    .meta({
      permission: "agent:read",
      openapi: {
        method: "GET",
        path: "/agents/{id}/versions",
        tags: TAGS,
        summary: "List an agent's versions, newest first",
        protect: true,
      },
    })
    .input(listAgentVersionsInput)
    .output(z.object({ items: z.array(agentVersionDto), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listAgentVersions(ctx.tenantCtx, input)),

  version: tenantProcedure
    .meta({
      permission: "agent:read",
      openapi: {
        method: "GET",
        path: "/agents/{id}/versions/{version}",
        tags: TAGS,
        summary: "Get one version of an agent",
        protect: true,
      },
    })
    .input(getAgentVersionInput)
    .output(agentVersionDto)
    .query(({ ctx, input }) => getAgentVersion(ctx.tenantCtx, input)),

  templates: tenantProcedure
    .meta({
      permission: "agent:read",
      openapi: {
        method: "GET",
        path: "/agent-templates",
        tags: TAGS,
        summary: "List the templates an agent can start from",
        protect: true,
      },
    })
    .input(z.object({}))
    .output(z.object({ items: z.array(agentTemplateDto) }))
    .query(() => ({ items: listAgentTemplates() })),

  /** The edit form's pickers (portal only). */
  formOptions: tenantProcedure
    .meta({ permission: "agent:read" })
    .input(z.object({}).optional())
    .output(agentFormOptionsDto)
    .query(({ ctx }) => agentFormOptions(ctx.tenantCtx)),
});
