import { AGENT_STATUSES, PROVIDER_IDS, type AgentStatus, type ProviderId } from "@/db/schema";
import { INSTRUCTIONS_MAX_BYTES, LOCAL_MODEL, MAX_FALLBACKS, TOOL_IDS, type ToolId } from "./config-schema";
import { GUARD_ACTIONS, GUARD_DETECTORS } from "./guard-policy-schema";
import { TEMPLATE_IDS, type TemplateId } from "./templates";

/** The agents area's vocabulary for pages and components, which may not import db/ (eslint.layers.mjs). */
export { AGENT_STATUSES, PROVIDER_IDS, TOOL_IDS, LOCAL_MODEL, TEMPLATE_IDS, GUARD_ACTIONS, GUARD_DETECTORS };
export type { AgentStatus, ProviderId, ToolId, TemplateId };

/** What the agent form offers, handed to the client component as plain data. */
export const AGENT_FORM_VOCABULARY = {
  providers: PROVIDER_IDS,
  tools: TOOL_IDS,
  detectors: GUARD_DETECTORS,
  actions: GUARD_ACTIONS,
  localModel: LOCAL_MODEL,
  maxFallbacks: MAX_FALLBACKS,
  instructionsMaxBytes: INSTRUCTIONS_MAX_BYTES,
};
