import { getTranslations } from "next-intl/server";
import { descriptionKey, refName, resolveRef, typeLabel, unwrapNullable, type JsonSchema, type OpenApiDoc } from "./openapi-model";

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export type Catalogue = { has: (key: string) => boolean } & Translate;

/** A description from the document, in the reader's language when the catalogue has it. */
export function describe(t: Catalogue, text: string | undefined): string | undefined {
  if (!text) return text;
  const key = `descriptions.${descriptionKey(text)}`;
  return t.has(key) ? t(key) : text;
}

/** Whether a schema has fields worth drawing below its type (objects, directly or in arrays). */
function hasFields(doc: OpenApiDoc, schema: JsonSchema): boolean {
  const s = unwrapNullable(schema).schema;
  if (s.$ref) return hasFields(doc, resolveRef(doc, s));
  if (s.type === "array") return s.items ? hasFields(doc, s.items) : false;
  return Object.keys(s.properties ?? {}).length > 0;
}

/** The schema an object's fields come from: through nullability, `$ref`s and arrays. */
function fieldsSchema(doc: OpenApiDoc, schema: JsonSchema): { schema: JsonSchema; ref?: string } {
  const s = unwrapNullable(schema).schema;
  if (s.$ref) return { schema: unwrapNullable(resolveRef(doc, s)).schema, ref: refName(s.$ref) };
  if (s.type === "array" && s.items) return fieldsSchema(doc, s.items);
  return { schema: s };
}

/** Enum values, default and bounds, as short phrases (also used for parameters). */
export function constraints(t: Translate, schema: JsonSchema): string[] {
  const s = unwrapNullable(schema).schema;
  const out: string[] = [];
  if (s.enum?.length) out.push(t("schema.oneOf", { values: s.enum.map((v) => String(v)).join(", ") }));
  if (s.default !== undefined) out.push(t("schema.default", { value: JSON.stringify(s.default) }));
  if (s.minLength !== undefined) out.push(t("schema.minLength", { n: s.minLength }));
  if (s.maxLength !== undefined) out.push(t("schema.maxLength", { n: s.maxLength }));
  if (s.minimum !== undefined) out.push(t("schema.minimum", { n: s.minimum }));
  if (s.maximum !== undefined) out.push(t("schema.maximum", { n: s.maximum }));
  if (s.minItems !== undefined) out.push(t("schema.minItems", { n: s.minItems }));
  if (s.maxItems !== undefined) out.push(t("schema.maxItems", { n: s.maxItems }));
  return out;
}

/**
 * A JSON schema as a readable field list: name, type, required or optional, description and
 * constraints, nested objects indented. `$ref`s are followed into `components.schemas`; one
 * already being drawn higher up is named instead of expanded, so recursive schemas terminate.
 */
export async function SchemaView({ doc, schema, seen = [] }: { doc: OpenApiDoc; schema: JsonSchema; seen?: string[] }) {
  const t = await getTranslations("apiDocs");
  const { schema: target, ref } = fieldsSchema(doc, schema);
  if (ref && seen.includes(ref)) {
    return <p className="text-xs text-slate-500">{t("schema.recursive", { name: ref })}</p>;
  }
  const trail = ref ? [...seen, ref] : seen;
  const properties = Object.entries(target.properties ?? {});
  if (properties.length === 0) {
    const notes = constraints(t, schema);
    return (
      <p className="text-sm">
        <code className="font-mono text-xs text-slate-700">{typeLabel(schema)}</code>
        {notes.length > 0 ? <span className="ml-2 text-xs text-slate-500">{notes.join(" · ")}</span> : null}
      </p>
    );
  }
  const required = new Set(target.required ?? []);
  return (
    <div className="space-y-1">
      <p className="text-xs text-slate-500">
        <code className="font-mono text-slate-700">{typeLabel(schema)}</code>
      </p>
      <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
        {properties.map(([name, prop]) => {
          const notes = constraints(t, prop);
          const description = unwrapNullable(prop).schema.description ?? prop.description;
          const nested = hasFields(doc, prop);
          const nestedRef = nested ? fieldsSchema(doc, prop).ref : undefined;
          return (
            <li key={name} className="space-y-1 px-3 py-2">
              <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                <code className="font-mono text-sm font-medium text-slate-900">{name}</code>
                <code className="font-mono text-xs text-slate-500">{typeLabel(prop)}</code>
                {required.has(name) ? (
                  <span className="text-xs font-medium text-amber-700">{t("schema.required")}</span>
                ) : (
                  <span className="text-xs text-slate-600">{t("schema.optional")}</span>
                )}
              </div>
              {description ? <p className="text-sm text-slate-600">{describe(t as unknown as Catalogue, description)}</p> : null}
              {notes.length > 0 ? <p className="text-xs text-slate-500">{notes.join(" · ")}</p> : null}
              {nested ? (
                nestedRef ? (
                  <details className="pl-3">
                    <summary className="cursor-pointer text-xs text-brand-700">{t("schema.showFields", { name: nestedRef })}</summary>
                    <div className="mt-2 border-l-2 border-slate-200 pl-3">
                      <SchemaView doc={doc} schema={prop} seen={trail} />
                    </div>
                  </details>
                ) : (
                  <div className="border-l-2 border-slate-200 pl-3">
                    <SchemaView doc={doc} schema={prop} seen={trail} />
                  </div>
                )
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
