import { z } from "zod";
import { PROVIDER_IDS } from "@/db/schema";
import type { ValidationKey } from "../i18n/server-messages";
import { nameText } from "../text";
import { policyOverrideSchema } from "./guard-policy-schema";

/**
 * What a person may set on an agent, validated once here for the portal form, the REST API and
 * the seeds alike. Messages are keys of messages/<locale>/validation.json. References to other
 * rows (credentials, knowledge collections) are checked against the tenant by
 * `assertConfigReferences`, since zod cannot see the database.
 */

export const TOOL_IDS = ["knowledge_search", "http_request", "calculator"] as const;
export type ToolId = (typeof TOOL_IDS)[number];

/** The one model the deterministic `local` provider answers as. */
export const LOCAL_MODEL = "local-retrieval";

export const NAME_MAX = 80;
export const DESCRIPTION_MAX = 500;
/** 16 KB of UTF-8: a Chinese character is three bytes, so the limit is on bytes, not characters. */
export const INSTRUCTIONS_MAX_BYTES = 16 * 1024;
export const MAX_FALLBACKS = 3;
export const MAX_TOKENS = 32_000;
export const MAX_COLLECTIONS = 50;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

export const modelRefSchema = z
  .object({
    provider: z.enum(PROVIDER_IDS),
    model: z.string().trim().min(1).max(100),
    credentialId: z.uuid().nullable().optional().describe("A provider key of this organisation; required for openai and anthropic"),
  })
  .superRefine((ref, ctx) => {
    if (ref.provider === "local" && ref.model !== LOCAL_MODEL) {
      ctx.addIssue({ code: "custom", path: ["model"], message: "localModel" satisfies ValidationKey });
    }
    if (ref.provider !== "local" && !ref.credentialId) {
      ctx.addIssue({ code: "custom", path: ["credentialId"], message: "chooseCredential" satisfies ValidationKey });
    }
  });

export const agentConfigFields = {
  name: nameText(1, NAME_MAX, { min: "nameTheAgent" }),
  description: z.string().trim().max(DESCRIPTION_MAX),
  instructions: z
    .string()
    .max(INSTRUCTIONS_MAX_BYTES)
    .refine((text) => utf8Bytes(text) <= INSTRUCTIONS_MAX_BYTES, { message: "instructionsTooLong" satisfies ValidationKey }),
  model: modelRefSchema,
  fallbacks: z.array(modelRefSchema).max(MAX_FALLBACKS).describe("Tried in order when the model before fails or times out"),
  temperature: z.number().min(0).max(2),
  maxTokens: z.number().int().min(1).max(MAX_TOKENS),
  tools: z.array(z.enum(TOOL_IDS)).max(TOOL_IDS.length),
  knowledgeCollectionIds: z
    .array(z.uuid())
    .max(MAX_COLLECTIONS)
    .describe("Collections knowledge_search may read; empty means all of the organisation's"),
  guardPolicy: policyOverrideSchema.nullable().describe("Per-detector overrides of the organisation's guard policy"),
};

/** Every field but the name may be left out when editing: what is not sent stays as it is. */
export const agentConfigPatch = {
  name: agentConfigFields.name.optional(),
  description: agentConfigFields.description.optional(),
  instructions: agentConfigFields.instructions.optional(),
  model: agentConfigFields.model.optional(),
  fallbacks: agentConfigFields.fallbacks.optional(),
  temperature: agentConfigFields.temperature.optional(),
  maxTokens: agentConfigFields.maxTokens.optional(),
  tools: agentConfigFields.tools.optional(),
  knowledgeCollectionIds: agentConfigFields.knowledgeCollectionIds.optional(),
  guardPolicy: agentConfigFields.guardPolicy.optional(),
};

export type AgentConfigPatch = { [K in keyof typeof agentConfigPatch]?: z.output<(typeof agentConfigFields)[K]> };
