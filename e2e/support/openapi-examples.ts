import { randomUUID } from "node:crypto";

/**
 * Requests a well-behaved client would send, made from the live OpenAPI document: a minimal
 * valid body or query value for a schema, and a path with its parameters filled in.
 */

export type Schema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minLength?: number;
  minimum?: number;
};
export type Operation = {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
export type OpenApi = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

/** A minimal valid value for a JSON schema: what a well-behaved client would send. */
export function exampleOf(schema: Schema | undefined, doc: OpenApi): unknown {
  if (!schema) return undefined;
  if (schema.$ref) return exampleOf(doc.components?.schemas?.[schema.$ref.split("/").pop()!], doc);
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[schema.enum.length - 1];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return exampleOf(alternatives.find((s) => s.type !== "null") ?? alternatives[0], doc);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries((schema.required ?? []).map((name) => [name, exampleOf(schema.properties?.[name], doc)]));
    case "array":
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () => exampleOf(schema.items, doc));
    case "integer":
    case "number":
      return schema.minimum ?? 1;
    case "boolean":
      return false;
    case "string":
      if (schema.format === "uuid") return randomUUID();
      if (schema.format === "email") return `someone-${randomUUID().slice(0, 8)}@example.test`;
      if (schema.format === "date-time") return new Date().toISOString();
      return "x".repeat(Math.max(3, schema.minLength ?? 0));
    default:
      return undefined;
  }
}

/**
 * Path parameters that are not ids, and the value that exists for every one of B's ids (an
 * agent always has a version 1): the id decides whose it is.
 */
const FIXED_PARAMS: Record<string, string> = { version: "1" };

/** Fills a path: fixed parameters by name, every other one with `id`. */
export const fillPath = (path: string, id: string) => path.replace(/\{([^}]+)\}/g, (_, name: string) => FIXED_PARAMS[name] ?? id);
