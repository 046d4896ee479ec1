import { createCallerFactory, createTRPCRouter } from "./init";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { agentsRouter } from "./routers/agents";
import { apiKeysRouter } from "./routers/api-keys";
import { auditRouter } from "./routers/audit";
import { billingRouter } from "./routers/billing";
import { eventsRouter } from "./routers/events";
import { guardRouter } from "./routers/guard";
import { incidentsRouter } from "./routers/incidents";
import { invitationsRouter } from "./routers/invitations";
import { knowledgeRouter } from "./routers/knowledge";
import { membersRouter } from "./routers/members";
import { providerCredentialsRouter } from "./routers/provider-credentials";
import { playbooksRouter } from "./routers/playbooks";
import { providerHealthRouter } from "./routers/provider-health";
import { runsRouter } from "./routers/runs";
import { tenantRouter } from "./routers/tenant";
import { usageRouter } from "./routers/usage";
import { toolsRouter } from "./routers/tools";
import { workflowsRouter } from "./routers/workflows";
import { webhooksRouter } from "./routers/webhooks";

/** Every procedure of every door. REST (`/api/v1`) is generated from the ones with `meta.openapi`. */
export const appRouter = createTRPCRouter({
  account: accountRouter,
  tenant: tenantRouter,
  members: membersRouter,
  invitations: invitationsRouter,
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  providerCredentials: providerCredentialsRouter,
  providerHealth: providerHealthRouter,
  agents: agentsRouter,
  runs: runsRouter,
  knowledge: knowledgeRouter,
  tools: toolsRouter,
  guard: guardRouter,
  incidents: incidentsRouter,
  events: eventsRouter,
  admin: adminRouter,
  workflows: workflowsRouter,
  webhooks: webhooksRouter,
  playbooks: playbooksRouter,
  billing: billingRouter,
  usage: usageRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
