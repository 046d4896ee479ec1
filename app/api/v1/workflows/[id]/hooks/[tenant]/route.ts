import { createProgramContext } from "@/server/http/trpc-context";
import { workflowHookHandler } from "@/server/workflows/inbound-hook";

/** A workflow's inbound webhook (server/workflows/inbound-hook.ts): signed by the workflow's secret, no API key. */
export const dynamic = "force-dynamic";

const handler = workflowHookHandler(createProgramContext);

export { handler as POST, handler as GET, handler as PUT, handler as PATCH, handler as DELETE };
