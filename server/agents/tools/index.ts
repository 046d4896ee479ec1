import { calculator } from "./calculator";
import { httpRequest } from "./http-request";
import { knowledgeSearch } from "./knowledge-search";
import type { Tool } from "./types";

export type { Tool, ToolContext, ToolResult, ToolSpec } from "./types";
export { ToolError } from "./types";
export { createToolContext } from "./context";

/** The tools an agent may be given, by the name the model calls them. */
export const TOOLS = {
  knowledge_search: knowledgeSearch,
  http_request: httpRequest,
  calculator,
} as const satisfies Record<string, Tool>;

export type ToolName = keyof typeof TOOLS;
export const TOOL_NAMES = Object.keys(TOOLS) as ToolName[];
