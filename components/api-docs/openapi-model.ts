/**
 * The slice of an OpenAPI 3.1 document the API reference page reads, and pure helpers over it
 * (grouping, `$ref` resolution, example bodies, curl lines). Typed structurally, so the
 * generator's own document type fits without a cast.
 */

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  description?: string;
  enum?: readonly unknown[];
  const?: unknown;
  default?: unknown;
  /** Examples from the zod schema (`.meta({ examples })`), preferred over invented values. */
  examples?: readonly unknown[];
  example?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: readonly string[];
  items?: JsonSchema;
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  allOf?: readonly JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
};

export type ApiParameter = { in: string; name: string; required?: boolean; description?: string; schema?: JsonSchema };

type Media = { content?: Record<string, { schema?: JsonSchema }> };

type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: readonly string[];
  parameters?: readonly ApiParameter[];
  requestBody?: { required?: boolean } & Media;
  responses?: Record<string, { description?: string } & Media>;
};

export type OpenApiDoc = {
  servers?: readonly { url: string }[];
  tags?: readonly { name: string }[];
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], unknown>>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

export type ApiOperation = {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  parameters: ApiParameter[];
  requestBody?: JsonSchema;
  response?: JsonSchema;
  errorStatuses: string[];
};

const jsonSchemaOf = (media: Media | undefined) => media?.content?.["application/json"]?.schema;

/** Operations by tag, tags in the document's order (untagged last), operations by path. */
export function groupOperations(doc: OpenApiDoc): { tag: string; operations: ApiOperation[] }[] {
  const groups = new Map<string, ApiOperation[]>((doc.tags ?? []).map((t) => [t.name, []]));
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const tag = op.tags?.[0] ?? "other";
      const statuses = Object.keys(op.responses ?? {});
      const success = statuses.find((s) => s.startsWith("2"));
      const entry: ApiOperation = {
        id: op.operationId ?? `${method}-${path}`.replace(/[^a-zA-Z0-9-]/g, "-"),
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? "",
        description: op.description,
        parameters: [...(op.parameters ?? [])],
        requestBody: jsonSchemaOf(op.requestBody),
        response: success ? jsonSchemaOf(op.responses?.[success]) : undefined,
        errorStatuses: statuses.filter((s) => !s.startsWith("2")),
      };
      groups.set(tag, [...(groups.get(tag) ?? []), entry]);
    }
  }
  return [...groups.entries()].filter(([, ops]) => ops.length > 0).map(([tag, operations]) => ({ tag, operations }));
}

/** `#/components/schemas/Name` → Name. */
export function refName(ref: string): string {
  return ref.split("/").pop() ?? ref;
}

export function resolveRef(doc: OpenApiDoc, schema: JsonSchema): JsonSchema {
  return schema.$ref ? (doc.components?.schemas?.[refName(schema.$ref)] ?? {}) : schema;
}

/** `X | null` written as anyOf: the non-null part, and whether null is allowed. */
export function unwrapNullable(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const options = schema.anyOf ?? schema.oneOf;
  if (options) {
    const rest = options.filter((o) => o.type !== "null");
    if (rest.length === 1 && rest.length < options.length)
      return { schema: { ...rest[0]!, description: schema.description ?? rest[0]!.description, default: schema.default }, nullable: true };
  }
  if (Array.isArray(schema.type) && schema.type.includes("null")) {
    const types = schema.type.filter((t) => t !== "null");
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types }, nullable: true };
  }
  return { schema, nullable: false };
}

/** A short type for a table cell: `string (uuid)`, `ApiKey[]`, `integer | null`. */
export function typeLabel(schema: JsonSchema): string {
  const { schema: s, nullable } = unwrapNullable(schema);
  let label: string;
  if (s.$ref) label = refName(s.$ref);
  else if (s.anyOf ?? s.oneOf) label = (s.anyOf ?? s.oneOf)!.map(typeLabel).join(" | ");
  else if (s.type === "array") label = `${s.items ? typeLabel(s.items) : "unknown"}[]`;
  else if (Array.isArray(s.type)) label = s.type.join(" | ");
  else if (s.const !== undefined) label = JSON.stringify(s.const);
  else label = s.type ? (s.format ? `${s.type} (${s.format})` : s.type) : s.properties ? "object" : "any";
  return nullable ? `${label} | null` : label;
}

const SAMPLE_STRINGS: Record<string, string> = {
  uuid: "00000000-0000-4000-8000-000000000000",
  "date-time": "2026-01-01T00:00:00Z",
  date: "2026-01-01",
  email: "someone@example.com",
  uri: "https://example.com",
};

/** A plausible value for a schema: defaults and enums first, then a placeholder by type. */
export function exampleOf(doc: OpenApiDoc, schema: JsonSchema, name = "", depth = 0): unknown {
  if (depth > 6) return null;
  const s = unwrapNullable(resolveRef(doc, schema)).schema;
  if (s.examples?.length) return s.examples[0];
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined && s.default !== null) return s.default;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.anyOf ?? s.oneOf) return exampleOf(doc, (s.anyOf ?? s.oneOf)![0]!, name, depth + 1);
  switch (Array.isArray(s.type) ? s.type[0] : s.type) {
    case "string":
      return SAMPLE_STRINGS[s.format ?? ""] ?? (name === "email" ? SAMPLE_STRINGS.email : name || "string");
    case "integer":
    case "number":
      return s.minimum ?? 1;
    case "boolean":
      return true;
    case "array":
      return s.items ? [exampleOf(doc, s.items, "", depth + 1)] : [];
    default: {
      const props = Object.entries(s.properties ?? {});
      const required = new Set(s.required ?? []);
      // Required fields only, unless there are none: the shortest body that works.
      const chosen = props.some(([key]) => required.has(key)) ? props.filter(([key]) => required.has(key)) : props;
      return Object.fromEntries(chosen.map(([key, value]) => [key, exampleOf(doc, value, key, depth + 1)]));
    }
  }
}

/** A curl line that works as pasted once `agt_…` and the `{placeholders}` are filled in. */
export function curlExample(doc: OpenApiDoc, serverUrl: string, op: ApiOperation): string {
  const query = op.parameters
    .filter((p) => p.in === "query" && p.required)
    .map((p) => `${encodeURIComponent(p.name)}={${p.name}}`)
    .join("&");
  const url = `${serverUrl}${op.path}${query ? `?${query}` : ""}`;
  const lines = [`curl${op.method === "GET" ? "" : ` -X ${op.method}`} "${url}"`, `  -H "Authorization: Bearer agt_…"`];
  if (op.requestBody) {
    const body = JSON.stringify(exampleOf(doc, op.requestBody)).replace(/'/g, "'\\''");
    lines.push(`  -H "Content-Type: application/json"`, `  -d '${body}'`);
  }
  return lines.join(" \\\n");
}

/**
 * Where a field's description lives in messages/<locale>/apiDocs.json (`descriptions.<key>`):
 * its English text folded to a stable identifier, so the OpenAPI document keeps plain English
 * for programs while the portal shows the reader's language.
 */
export function descriptionKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 60);
}
