import { generateOpenApiDocument, type OpenAPIObject } from "trpc-to-openapi";
import { appRouter } from "./root";

type Document = ReturnType<typeof generateOpenApiDocument>;
let document: Document | undefined;

/** Our one error body (server/trpc/error-shape.ts), replacing the generator's default shapes. */
const ERROR_SCHEMA: NonNullable<NonNullable<OpenAPIObject["components"]>["schemas"]>[string] = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", description: "Stable, machine-readable: validation_failed, not_found, rate_limited, …" },
        message: { type: "string", description: "For people; never contains secrets or internals" },
        details: { type: "object", additionalProperties: true, description: "e.g. issues[] with field paths, or the rate limit" },
      },
    },
  },
};

const RATE_LIMITED = {
  description: "Rate limited: wait Retry-After seconds",
  headers: {
    "Retry-After": { schema: { type: "integer" }, description: "Seconds until a request may succeed" },
    "RateLimit-Limit": { schema: { type: "integer" } },
    "RateLimit-Remaining": { schema: { type: "integer" } },
    "RateLimit-Reset": { schema: { type: "integer" } },
  },
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
} as const;

const UNSUPPORTED_MEDIA_TYPE = {
  description: "The body is not JSON: send Content-Type: application/json (or no body at all)",
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
} as const;

/** Methods whose requests may carry a body, so may be refused one that is not JSON (415). */
const BODY_METHODS = new Set(["post", "put", "patch", "delete"]);

const SSE_DESCRIPTION =
  "With Accept: text/event-stream or stream: true, the run as Server-Sent Events: `run` {id}, `delta` {text} (output the guard has checked), `step` (each step as stored), then `done` {run} or `error` {code, message, run}. Text the guard blocks is never sent: the stream ends with `error`.";

const IDEMPOTENCY_KEY = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  schema: { type: "string", maxLength: 255 },
  description: "Same key and same body from the same caller: the same run, not a second one; same key, other body: 409",
} as const;

/**
 * `POST /agents/{id}/runs` also streams (server/http/run-stream.ts, its own route handler): the
 * generator only knows the JSON answer, so the event stream, the Idempotency-Key header and the
 * 413 for an oversized prompt are described here.
 */
function withStreamingRuns(doc: Document): Document {
  const operation = (doc.paths?.["/agents/{id}/runs"] as Record<string, { parameters?: unknown[]; responses?: Record<string, unknown> }>)
    ?.post;
  if (!operation?.responses) return doc;
  operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_KEY];
  const ok = operation.responses["200"] as { content?: Record<string, unknown> } | undefined;
  if (ok) ok.content = { ...ok.content, "text/event-stream": { schema: { type: "string", description: SSE_DESCRIPTION } } };
  operation.responses["413"] = {
    description: "The prompt is larger than 32 KB",
    content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
  };
  return doc;
}

/**
 * Points every `error.*` reference at `Error`, adds the 429 every protected operation can answer
 * and the 415 every operation that takes a body can.
 */
function withOurErrorShape(doc: Document): Document {
  const rewritten = JSON.parse(
    JSON.stringify(doc).replace(/#\/components\/schemas\/error\.[A-Z_]+/g, "#/components/schemas/Error"),
  ) as Document;
  const schemas = Object.fromEntries(Object.entries(rewritten.components?.schemas ?? {}).filter(([name]) => !name.startsWith("error.")));
  for (const operations of Object.values(rewritten.paths ?? {})) {
    for (const [method, operation] of Object.entries(
      operations as Record<string, { security?: unknown[]; responses?: Record<string, unknown> }>,
    )) {
      if (operation.security?.length && operation.responses) operation.responses["429"] = RATE_LIMITED;
      if (BODY_METHODS.has(method) && operation.responses) operation.responses["415"] = UNSUPPORTED_MEDIA_TYPE;
    }
  }
  return { ...rewritten, components: { ...rewritten.components, schemas: { ...schemas, Error: ERROR_SCHEMA } } };
}

/** The OpenAPI 3.1 description of `/api/v1`, generated from the router (once per process). */
export function openApiDocument(baseUrl: string) {
  document ??= withStreamingRuns(
    withOurErrorShape(
      generateOpenApiDocument(appRouter, {
        title: "Agentry API",
        description:
          'The Agentry developer API. Authenticate with an API key: `Authorization: Bearer agt_…`. Errors are `{ "error": { "code", "message", "details" } }`.',
        version: "1.0.0",
        baseUrl: "/api/v1",
        tags: ["agents", "runs", "knowledge", "tools", "guard", "incidents", "providers", "tenant", "members", "api-keys", "audit"],
        securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "agt_…" } },
      }),
    ),
  );
  return { ...document, servers: [{ url: `${baseUrl}/api/v1` }] };
}
