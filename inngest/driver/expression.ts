/**
 * The part of CEL (the spec's Expression) the driver evaluates: comparisons `<operand> == <operand>`
 * (or `!=`) joined by `&&`, where an operand is a dotted path rooted at `event` (the run's trigger)
 * or `async` (the arriving event), or a literal: a quoted string, a number, true, false or null.
 * That covers `match` (the SDK turns it into `event.<p> == async.<p>`), the `if` form CONTRACTS.md
 * allows, and the SDK's own onFailure trigger (`event.data.function_id == '<id>'`). Anything else
 * is refused when the function is registered, never silently treated as true.
 */
type Operand = { path: string[] } | { literal: unknown };
type Comparison = { left: Operand; op: "==" | "!="; right: Operand };
export type Expression = Comparison[];

const OPERAND =
  /^\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(-?\d+(?:\.\d+)?)|(true|false|null)|((?:event|async)(?:\.[A-Za-z_$][\w$-]*)+))\s*/;

function operand(text: string): [Operand, string] {
  const m = OPERAND.exec(text);
  if (!m) throw new Error(`Unsupported expression near "${text.slice(0, 40)}"`);
  const rest = text.slice(m[0].length);
  if (m[1] !== undefined) return [{ literal: m[1].replace(/\\(.)/g, "$1") }, rest];
  if (m[2] !== undefined) return [{ literal: m[2].replace(/\\(.)/g, "$1") }, rest];
  if (m[3] !== undefined) return [{ literal: Number(m[3]) }, rest];
  if (m[4] !== undefined) return [{ literal: JSON.parse(m[4]) }, rest];
  return [{ path: m[5]!.split(".") }, rest];
}

export function parseExpression(source: string): Expression {
  const out: Expression = [];
  for (const clause of source.split("&&")) {
    const [left, afterLeft] = operand(clause);
    const op = /^(==|!=)/.exec(afterLeft)?.[1] as Comparison["op"] | undefined;
    if (!op) throw new Error(`Unsupported expression "${source}": only == / != joined by && are evaluated`);
    const [right, rest] = operand(afterLeft.slice(2));
    if (rest.trim()) throw new Error(`Unsupported expression "${source}"`);
    out.push({ left, op, right });
  }
  return out;
}

/** `event.data.tenantId` against `{ event }`; also what concurrency keys use. */
export function valueAt(root: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function evaluate(expression: Expression, scope: { event?: unknown; async?: unknown }): boolean {
  const read = (o: Operand) => ("literal" in o ? o.literal : valueAt(scope as Record<string, unknown>, o.path));
  return expression.every(({ left, op, right }) => {
    const a = read(left);
    const b = read(right);
    // A missing field never matches (CEL would error): `undefined == undefined` must not wake a wait.
    if (a === undefined || b === undefined) return false;
    const same = typeof a === "object" || typeof b === "object" ? JSON.stringify(a) === JSON.stringify(b) : a === b;
    return op === "==" ? same : !same;
  });
}
