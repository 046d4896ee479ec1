import { parseRef, resolveRef, type TemplateRef, type TemplateScope } from "./template";

/**
 * The condition grammar — small on purpose, parsed by hand, never evaluated as code:
 *
 *   expr   := and ( ("or" | "||") and )*
 *   and    := unary ( ("and" | "&&") unary )*
 *   unary  := "not" unary | "(" expr ")" | {{ref}} op literal
 *   op     := == | != | < | <= | > | >= | contains
 *   literal:= "text" | 'text' | number | true | false | null
 */

export type Literal = string | number | boolean | null;
export type Op = "==" | "!=" | "<" | "<=" | ">" | ">=" | "contains";
export type Condition =
  | { type: "cmp"; ref: TemplateRef; op: Op; value: Literal }
  | { type: "and" | "or"; left: Condition; right: Condition }
  | { type: "not"; operand: Condition };

export class ConditionError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
    this.name = "ConditionError";
  }
}

type Token = { kind: "ref" | "op" | "word" | "string" | "number" | "paren"; text: string; at: number; value?: Literal };

const OPS = ["==", "!=", "<=", ">=", "<", ">", "&&", "||"];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (source.startsWith("{{", i)) {
      const end = source.indexOf("}}", i + 2);
      if (end < 0) throw new ConditionError("a {{ is not closed", i);
      tokens.push({ kind: "ref", text: source.slice(i + 2, end), at: i });
      i = end + 2;
      continue;
    }
    const op = OPS.find((o) => source.startsWith(o, i));
    if (op) {
      tokens.push({ kind: "op", text: op, at: i });
      i += op.length;
      continue;
    }
    if (ch === "(" || ch === ")") {
      tokens.push({ kind: "paren", text: ch, at: i++ });
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let text = "";
      while (j < source.length && source[j] !== ch) {
        if (source[j] === "\\" && j + 1 < source.length) j++;
        text += source[j++];
      }
      if (j >= source.length) throw new ConditionError("a quoted text is not closed", i);
      tokens.push({ kind: "string", text, value: text, at: i });
      i = j + 1;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: "number", text: number[0], value: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    const word = /^[A-Za-z_]+/.exec(source.slice(i));
    if (word) {
      tokens.push({ kind: "word", text: word[0].toLowerCase(), at: i });
      i += word[0].length;
      continue;
    }
    throw new ConditionError(`unexpected “${ch}”`, i);
  }
  return tokens;
}

/** Parses an expression; throws `ConditionError` saying where it went wrong. */
export function parseCondition(source: string): Condition {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (what: string): never => {
    const token = peek();
    throw new ConditionError(token ? `expected ${what} at “${token.text}”` : `expected ${what} at the end`, token?.at ?? source.length);
  };
  const isWord = (...words: string[]) => {
    const t = peek();
    return !!t && ((t.kind === "word" && words.includes(t.text)) || (t.kind === "op" && words.includes(t.text)));
  };

  function literal(): Literal {
    const t = peek();
    if (t && (t.kind === "string" || t.kind === "number")) {
      pos++;
      return t.value!;
    }
    if (t?.kind === "word" && ["true", "false", "null"].includes(t.text)) {
      pos++;
      return t.text === "null" ? null : t.text === "true";
    }
    return fail('a value ("text", a number, true, false or null)');
  }

  function unary(): Condition {
    if (isWord("not")) {
      pos++;
      return { type: "not", operand: unary() };
    }
    const t = peek();
    if (t?.kind === "paren" && t.text === "(") {
      pos++;
      const inner = expr();
      if (peek()?.text !== ")") fail("“)”");
      pos++;
      return inner;
    }
    if (t?.kind !== "ref") return fail("a {{reference}}");
    let ref: TemplateRef;
    try {
      ref = parseRef(t.text);
    } catch {
      throw new ConditionError(`not a valid reference: {{${t.text.trim()}}}`, t.at);
    }
    pos++;
    const opToken = peek();
    let op: Op;
    if (opToken?.kind === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(opToken.text)) op = opToken.text as Op;
    else if (opToken?.kind === "word" && opToken.text === "contains") op = "contains";
    else return fail("a comparison (==, !=, <, <=, >, >=, contains)");
    pos++;
    return { type: "cmp", ref, op, value: literal() };
  }

  function and(): Condition {
    let left = unary();
    while (isWord("and", "&&")) {
      pos++;
      left = { type: "and", left, right: unary() };
    }
    return left;
  }

  function expr(): Condition {
    let left = and();
    while (isWord("or", "||")) {
      pos++;
      left = { type: "or", left, right: and() };
    }
    return left;
  }

  const tree = expr();
  if (pos < tokens.length) fail("and, or, or the end");
  return tree;
}

/** Every reference a condition reads. */
export function conditionRefs(condition: Condition): TemplateRef[] {
  if (condition.type === "cmp") return [condition.ref];
  if (condition.type === "not") return conditionRefs(condition.operand);
  return [...conditionRefs(condition.left), ...conditionRefs(condition.right)];
}

function asNumber(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

function compare(actual: unknown, op: Op, expected: Literal): boolean {
  if (op === "contains") {
    if (Array.isArray(actual)) return actual.some((item) => item === expected);
    return typeof actual === "string" && expected !== null && actual.toLowerCase().includes(String(expected).toLowerCase());
  }
  const a = actual === undefined ? null : actual;
  if (op === "==" || op === "!=") {
    const na = asNumber(a);
    const equal = typeof expected === "number" && na !== null ? na === expected : a === expected;
    return op === "==" ? equal : !equal;
  }
  const na = asNumber(a);
  const ne = asNumber(expected);
  if (na !== null && ne !== null) return op === "<" ? na < ne : op === "<=" ? na <= ne : op === ">" ? na > ne : na >= ne;
  if (typeof a === "string" && typeof expected === "string") {
    return op === "<" ? a < expected : op === "<=" ? a <= expected : op === ">" ? a > expected : a >= expected;
  }
  return false;
}

export function evaluateCondition(condition: Condition, scope: TemplateScope): boolean {
  switch (condition.type) {
    case "cmp":
      return compare(resolveRef(condition.ref, scope), condition.op, condition.value);
    case "not":
      return !evaluateCondition(condition.operand, scope);
    case "and":
      return evaluateCondition(condition.left, scope) && evaluateCondition(condition.right, scope);
    case "or":
      return evaluateCondition(condition.left, scope) || evaluateCondition(condition.right, scope);
  }
}
