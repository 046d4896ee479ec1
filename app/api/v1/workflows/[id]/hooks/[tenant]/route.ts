import { createProgramContext } from "@/server/http/trpc-context";
import { workflowHookHandler } from "@/server/http/workflow-hook";

/** A workflow's inbound webhook (server/http/workflow-hook.ts): signed by the workflow's secret, no API key. */
export const dynamic = "force-dynamic";

const handler = workflowHookHandler(createProgramContext);

export { handler as POST, handler as GET, handler as PUT, handler as PATCH, handler as DELETE };
