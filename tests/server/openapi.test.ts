import { describe, expect, it } from "vitest";
import { appRouter } from "@/server/trpc/root";
import { openApiDocument } from "@/server/trpc/openapi";

type ProcedureDef = { _def: { meta?: { permission?: string; openapi?: { method: string; path: string; protect?: boolean } } } };

function restProcedures() {
  return Object.entries(appRouter._def.procedures as unknown as Record<string, ProcedureDef>)
    .filter(([, p]) => p._def.meta?.openapi)
    .map(([name, p]) => ({ name, ...p._def.meta! }));
}

describe("the generated REST description", () => {
  const doc = openApiDocument("http://localhost:3000");

  it("documents every procedure that declares a REST route, under /api/v1", () => {
    const procedures = restProcedures();
    expect(procedures.length).toBeGreaterThan(10);
    for (const p of procedures) {
      const operation = (doc.paths?.[p.openapi!.path] as Record<string, unknown> | undefined)?.[p.openapi!.method.toLowerCase()];
      expect(operation, `${p.name} ${p.openapi!.method} ${p.openapi!.path}`).toBeDefined();
    }
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "http://localhost:3000/api/v1" }]);
  });

  it("every REST procedure declares the permission it needs and requires the bearer key", () => {
    for (const p of restProcedures()) {
      expect(p.permission, p.name).toMatch(/^[a-z]+:[a-z]+$/);
      expect(p.openapi!.protect, p.name).toBe(true);
    }
    expect(doc.components?.securitySchemes?.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("describes errors as our envelope, including 429 with Retry-After", () => {
    const schemas = doc.components?.schemas ?? {};
    expect(Object.keys(schemas).filter((name) => name.startsWith("error."))).toEqual([]);
    expect(schemas.Error).toMatchObject({ required: ["error"] });
    const create = (
      doc.paths?.["/api-keys"] as Record<string, { responses: Record<string, { content?: unknown; headers?: Record<string, unknown> }> }>
    ).post!;
    expect(JSON.stringify(create.responses["400"]!.content)).toContain("#/components/schemas/Error");
    expect(create.responses["429"]!.headers).toHaveProperty("Retry-After");
    // A body that is not JSON is refused (415) wherever a body can be sent; never on a GET.
    for (const [path, operations] of Object.entries(doc.paths ?? {})) {
      for (const [method, operation] of Object.entries(operations as Record<string, { responses: Record<string, unknown> }>)) {
        expect(Boolean(operation.responses["415"]), `${method} ${path}`).toBe(method !== "get");
      }
    }
    expect(
      JSON.stringify((doc.paths?.["/audit-log/verify"] as Record<string, { responses: Record<string, unknown> }>).post!.responses["415"]),
    ).toContain("or no body at all");
  });
});
