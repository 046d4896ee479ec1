import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { logger } from "../obs/logger";
import { drainRequest, sendFetchResponse, toFetchRequest } from "./node-bridge";
import { AGENT_RUNS_PATH, agentRunsHandler } from "./run-stream";
import { restHandler } from "./rest-handler";
import { STATIC_SECURITY_HEADERS } from "./static-headers";
import { createProgramContext, type RequestContextFactory } from "./trpc-context";
import { trpcHandler } from "./trpc-handler";
import { WORKFLOW_HOOK_PATH, workflowHookHandler } from "./workflow-hook";

/**
 * The lean API tier: the same two doors (`/api/v1/*`, `/api/trpc/*`) and the same router as Next's
 * route handlers — the very handler functions, so request preparation (CSRF and JSON-only checks,
 * body limit, request id, error envelope, no-store, logging) cannot drift — on a bare Node `http`
 * server, without Next's per-request routing and rendering machinery. It serves programs (API
 * keys); the portal's session requests stay with Next. `/api/health` answers for load balancers.
 */

const staticHeaders = STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value] as [string, string]);

type Doors = {
  rest: (req: Request) => Promise<Response>;
  runs: (req: Request) => Promise<Response>;
  hooks: (req: Request) => Promise<Response>;
  trpc: (req: Request) => Promise<Response>;
};

function route(pathname: string, doors: Doors): ((req: Request) => Promise<Response>) | null {
  // Next routes this one to its own handler (app/api/v1/agents/[id]/runs): so does the tier.
  if (AGENT_RUNS_PATH.test(pathname)) return doors.runs;
  if (WORKFLOW_HOOK_PATH.test(pathname)) return doors.hooks;
  if (pathname.startsWith("/api/v1/")) return doors.rest;
  if (pathname.startsWith("/api/trpc/")) return doors.trpc;
  return null;
}

async function handle(req: IncomingMessage, res: ServerResponse, origin: string, doors: Doors) {
  const pathname = (req.url ?? "/").split("?")[0]!;
  if (pathname === "/api/health") return sendFetchResponse(res, Response.json({ status: "ok" }), staticHeaders);
  const door = route(pathname, doors);
  if (!door) {
    const notHere = Response.json(
      { error: { code: "not_found", message: "Not found." } },
      { status: 404, headers: { "cache-control": "no-store" } },
    );
    return sendFetchResponse(res, notHere, staticHeaders);
  }
  await sendFetchResponse(res, await door(toFetchRequest(req, origin)), staticHeaders);
  drainRequest(req);
}

/**
 * An HTTP server for the API tier; request URLs are resolved against `origin` (APP_URL).
 * `createContext` is the process's (tests pass one on their own database).
 */
export function createApiTier(origin: string, createContext: RequestContextFactory = createProgramContext): Server {
  const rest = restHandler(createContext);
  const doors: Doors = {
    rest,
    runs: agentRunsHandler(createContext, rest),
    hooks: workflowHookHandler(createContext),
    trpc: trpcHandler(createContext),
  };
  return createServer((req, res) => {
    handle(req, res, origin, doors).catch((error: unknown) => {
      // The doors answer their own failures; this is the bridge itself failing (a broken socket).
      logger.error({ err: error }, "API tier request failed");
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ error: { code: "internal_error", message: "Something went wrong on our side." } }));
      } else res.destroy();
    });
  });
}
