import { generateOpenApiDocument } from "trpc-to-openapi";
import { appRouter } from "./root";

let document: ReturnType<typeof generateOpenApiDocument> | undefined;

/** The OpenAPI 3.1 description of `/api/v1`, generated from the router (once per process). */
export function openApiDocument(baseUrl: string) {
  document ??= generateOpenApiDocument(appRouter, {
    title: "Agentry API",
    description:
      "The Agentry developer API. Authenticate with an API key: `Authorization: Bearer agt_…`. Errors are `{ \"error\": { \"code\", \"message\", \"details\" } }`.",
    version: "1.0.0",
    baseUrl: "/api/v1",
    docsUrl: "/docs/api",
    tags: ["tenant", "members", "api-keys", "audit"],
    securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "agt_…" } },
  });
  return { ...document, servers: [{ url: `${baseUrl}/api/v1` }] };
}
