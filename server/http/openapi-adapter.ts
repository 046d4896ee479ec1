import { TRPCError } from "@trpc/server";
import { createOpenApiNodeHttpHandler } from "trpc-to-openapi";
import type { Context } from "../trpc/context";
import { appRouter } from "../trpc/root";

/**
 * trpc-to-openapi's fetch adapter rebuilds its route table on every request (and, outside
 * production, regenerates the whole OpenAPI document each time: ~10 ms of CPU). This adapter
 * builds the handler once and feeds it a request whose body we have already read within the
 * size limit; the per-request context travels on the response object we hand it.
 */

type PendingResponse = {
  statusCode: number;
  setHeader: (key: string, value: string | string[]) => void;
  end: (body?: string) => void;
  createContext: () => Context;
};

const handler = createOpenApiNodeHttpHandler({
  router: appRouter,
  createContext: ({ res }: { res: unknown }) => (res as PendingResponse).createContext(),
  // Rate-limit headers set by the procedure's middleware, on success and on error alike.
  responseMeta: ({ ctx }: { ctx?: Context }) => ({ headers: ctx ? Object.fromEntries(ctx.resHeaders.entries()) : {} }),
} as never) as unknown as (req: Request, res: PendingResponse) => Promise<void>;

function parseBody(request: Request, text: string | null): { ok: true; data: unknown } | { ok: false; cause: unknown } {
  // No body (readApiBody has already refused one that is not JSON).
  if (!text) return { ok: true, data: undefined };
  if (!request.headers.get("content-type")?.includes("application/json")) return { ok: true, data: text };
  try {
    return { ok: true, data: JSON.parse(text ?? "") };
  } catch (cause) {
    return { ok: false, cause };
  }
}

/** Routes `request` (whose body is `bodyText`) under `endpoint` through the REST handler. */
export function routeOpenApi(request: Request, bodyText: string | null, endpoint: string, createContext: () => Context): Promise<Response> {
  const url = new URL(request.url.replace(endpoint, "")).toString();
  const body = parseBody(request, bodyText);
  const proxied = new Proxy(request, {
    get(target, prop) {
      if (prop === "url") return url;
      if (prop === "body") {
        if (!body.ok) throw new TRPCError({ code: "PARSE_ERROR", message: "Failed to parse request body", cause: body.cause });
        return body.data;
      }
      return target[prop as keyof Request];
    },
  });
  return new Promise((resolve) => {
    const headers = new Headers();
    const res: PendingResponse = {
      statusCode: 200,
      setHeader: (key, value) => {
        if (typeof value === "string") headers.set(key, value);
        else for (const v of value) headers.append(key, v);
      },
      end: (payload) => resolve(new Response(payload ?? null, { status: res.statusCode, headers })),
      createContext,
    };
    void handler(proxied, res);
  });
}
