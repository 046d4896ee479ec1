/**
 * Templates: `{{input.x}}` (the run's input) and `{{nodes.<id>.output.<path>}}` (an earlier
 * node's output). Nothing else is allowed inside the braces — no expressions, no functions.
 */

export type TemplateRef = { source: "input"; path: string[] } | { source: "node"; nodeId: string; path: string[] };
export type TemplatePart = { text: string } | { ref: TemplateRef; raw: string };

export class TemplateError extends Error {
  constructor(readonly fragment: string) {
    super(`not a valid reference: {{${fragment}}}`);
    this.name = "TemplateError";
  }
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** Parses one reference (what is between the braces). */
export function parseRef(inner: string): TemplateRef {
  const parts = inner.trim().split(".");
  if (!parts.every((p) => SEGMENT.test(p))) throw new TemplateError(inner.trim());
  if (parts[0] === "input") return { source: "input", path: parts.slice(1) };
  if (parts[0] === "nodes" && parts.length >= 3 && parts[2] === "output")
    return { source: "node", nodeId: parts[1]!, path: parts.slice(3) };
  throw new TemplateError(inner.trim());
}

/** Splits a template into text and references; unbalanced or unknown references throw. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let rest = template;
  for (;;) {
    const open = rest.indexOf("{{");
    if (open < 0) {
      if (rest.includes("}}")) throw new TemplateError(rest.slice(0, 40));
      if (rest) parts.push({ text: rest });
      return parts;
    }
    const close = rest.indexOf("}}", open + 2);
    if (close < 0) throw new TemplateError(rest.slice(open + 2, open + 42));
    const before = rest.slice(0, open);
    if (before.includes("}}")) throw new TemplateError(before.slice(0, 40));
    if (before) parts.push({ text: before });
    const raw = rest.slice(open + 2, close);
    parts.push({ ref: parseRef(raw), raw });
    rest = rest.slice(close + 2);
  }
}

/** Every reference in a template. */
export function templateRefs(template: string): TemplateRef[] {
  return parseTemplate(template).flatMap((p) => ("ref" in p ? [p.ref] : []));
}

/** What the references read: the run's input and the outputs of the nodes that have finished. */
export type TemplateScope = { input: Record<string, unknown>; nodes: Record<string, { output: unknown } | undefined> };

function dig(value: unknown, path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The value a reference names (undefined when the node was skipped or the field is absent). */
export function resolveRef(ref: TemplateRef, scope: TemplateScope): unknown {
  if (ref.source === "input") return dig(scope.input, ref.path);
  const node = scope.nodes[ref.nodeId];
  return node ? dig(node.output, ref.path) : undefined;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

/** Fills a template: strings as they are, other values as JSON, missing values as nothing. */
export function renderTemplate(template: string, scope: TemplateScope): string {
  return parseTemplate(template)
    .map((p) => ("ref" in p ? asText(resolveRef(p.ref, scope)) : p.text))
    .join("");
}
