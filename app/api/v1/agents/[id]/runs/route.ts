import { handleRestRequest } from "@/server/http/rest-handler";
import { agentRunsHandler } from "@/server/http/run-stream";
import { createRequestContext } from "@/server/http/trpc-context";

/**
 * More specific than app/api/v1/[...rest], so Next routes `/api/v1/agents/{id}/runs` here: a
 * POST asking for Server-Sent Events is streamed (server/http/run-stream.ts); every other request
 * goes to the generic REST door unchanged (JSON runs, and the 405 for other methods).
 */
export const dynamic = "force-dynamic";

const POST = agentRunsHandler(createRequestContext, handleRestRequest);

export {
  POST,
  handleRestRequest as GET,
  handleRestRequest as PUT,
  handleRestRequest as PATCH,
  handleRestRequest as DELETE,
  handleRestRequest as HEAD,
};
