import { ToolError, type Tool } from "./types";

export const MAX_TOOL_HITS = 10;

export const knowledgeSearch: Tool = {
  spec: {
    name: "knowledge_search",
    description:
      "Searches the organisation's knowledge base (the collections attached to this agent) and returns the most relevant passages with their document titles. Works for English and Chinese.",
    parameters: {
      type: "object",
      properties: {
        query: { type: "string", maxLength: 500, description: "What to look for, in the user's words" },
        limit: { type: "integer", minimum: 1, maximum: MAX_TOOL_HITS, description: "How many passages (default 5)" },
      },
      required: ["query"],
      additionalProperties: false,
    },
  },
  async run(args, toolCtx) {
    const { query, limit } = args;
    if (typeof query !== "string" || query.length > 500)
      throw new ToolError("invalid_arguments", "knowledge_search needs a `query` string of at most 500 characters.");
    const n = limit === undefined ? 5 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > MAX_TOOL_HITS)
      throw new ToolError("invalid_arguments", `limit must be an integer from 1 to ${MAX_TOOL_HITS}.`);
    const hits = await toolCtx.search(query, n);
    return {
      output: {
        hits: hits.map((h) => ({ documentId: h.documentId, documentTitle: h.documentTitle, chunkId: h.chunkId, content: h.content })),
      },
      summary:
        hits.length === 0
          ? `No passage matches "${query}".`
          : `${hits.length} passage(s) from: ${[...new Set(hits.map((h) => h.documentTitle))].join(", ")}`,
    };
  },
};
