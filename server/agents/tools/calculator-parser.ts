/**
 * A small arithmetic evaluator for the `calculator` tool. Never `eval` or `Function`: the input
 * comes from a model, which may be echoing an attacker. A recursive-descent parser over a fixed
 * grammar, bounded in length and nesting depth, with a fixed set of functions and constants:
 *
 *   expr    := term (("+" | "-") term)*
 *   term    := unary (("*" | "/" | "%") unary)*
 *   unary   := ("-" | "+") unary | power
 *   power   := primary ("^" unary)?            right-associative: 2^3^2 = 2^9; -2^2 = -4
 *   primary := number | constant | function "(" expr ("," expr)* ")" | "(" expr ")"
 */

export const MAX_EXPRESSION_LENGTH = 500;
export const MAX_DEPTH = 40;

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = "ExpressionError";
  }
}

const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };

const FUNCTIONS: Record<string, { arity: [number, number]; fn: (...args: number[]) => number }> = {
  sqrt: { arity: [1, 1], fn: Math.sqrt },
  abs: { arity: [1, 1], fn: Math.abs },
  round: {
    arity: [1, 2],
    fn: (x, digits = 0) => {
      if (!Number.isInteger(digits) || digits < 0 || digits > 15) throw new RangeError("round() takes 0 to 15 digits");
      const f = 10 ** digits;
      return Math.round(x * f) / f;
    },
  },
  floor: { arity: [1, 1], fn: Math.floor },
  ceil: { arity: [1, 1], fn: Math.ceil },
  min: { arity: [1, 50], fn: Math.min },
  max: { arity: [1, 50], fn: Math.max },
  log: { arity: [1, 2], fn: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)) },
  exp: { arity: [1, 1], fn: Math.exp },
};

type Token =
  { kind: "num"; value: number; at: number } | { kind: "id"; value: string; at: number } | { kind: "op"; value: string; at: number };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (c === " " || c === "\t" || c === "\n") {
      i++;
      continue;
    }
    const num = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(input.slice(i, i + 400));
    if (num) {
      tokens.push({ kind: "num", value: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const id = /^[a-zA-Z_]\w{0,19}/.exec(input.slice(i, i + 21));
    if (id) {
      tokens.push({ kind: "id", value: id[0].toLowerCase(), at: i });
      i += id[0].length;
      continue;
    }
    if ("+-*/%^(),".includes(c)) {
      tokens.push({ kind: "op", value: c, at: i });
      i++;
      continue;
    }
    if (c === "×" || c === "÷") {
      tokens.push({ kind: "op", value: c === "×" ? "*" : "/", at: i });
      i++;
      continue;
    }
    throw new ExpressionError(`Unexpected character "${c}" at position ${i + 1}.`, i);
  }
  return tokens;
}

export function evaluateExpression(input: string): number {
  if (typeof input !== "string" || input.trim() === "") throw new ExpressionError("The expression is empty.", 0);
  if (input.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(`The expression is longer than ${MAX_EXPRESSION_LENGTH} characters.`, MAX_EXPRESSION_LENGTH);
  }
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const at = () => peek()?.at ?? input.length;
  const isOp = (value: string) => peek()?.kind === "op" && peek()!.value === value;
  const expect = (value: string) => {
    if (!isOp(value)) throw new ExpressionError(`Expected "${value}" at position ${at() + 1}.`, at());
    pos++;
  };
  const guard = (depth: number) => {
    if (depth > MAX_DEPTH) throw new ExpressionError(`The expression nests deeper than ${MAX_DEPTH} levels.`, at());
  };

  function expr(depth: number): number {
    guard(depth);
    let value = term(depth + 1);
    while (isOp("+") || isOp("-")) {
      const op = tokens[pos++]!.value;
      const right = term(depth + 1);
      value = op === "+" ? value + right : value - right;
    }
    return value;
  }

  function term(depth: number): number {
    guard(depth);
    let value = unary(depth + 1);
    while (isOp("*") || isOp("/") || isOp("%")) {
      const token = tokens[pos++]!;
      const right = unary(depth + 1);
      if ((token.value === "/" || token.value === "%") && right === 0)
        throw new ExpressionError(`Division by zero at position ${token.at + 1}.`, token.at);
      value = token.value === "*" ? value * right : token.value === "/" ? value / right : value % right;
    }
    return value;
  }

  function unary(depth: number): number {
    guard(depth);
    if (isOp("-")) {
      pos++;
      return -unary(depth + 1);
    }
    if (isOp("+")) {
      pos++;
      return unary(depth + 1);
    }
    return power(depth + 1);
  }

  function power(depth: number): number {
    guard(depth);
    const base = primary(depth + 1);
    if (!isOp("^")) return base;
    pos++;
    return base ** unary(depth + 1);
  }

  function primary(depth: number): number {
    guard(depth);
    const token = peek();
    if (!token) throw new ExpressionError("The expression ends too early.", input.length);
    if (token.kind === "num") {
      pos++;
      return token.value;
    }
    if (token.kind === "op" && token.value === "(") {
      pos++;
      const value = expr(depth + 1);
      expect(")");
      return value;
    }
    if (token.kind === "id") {
      pos++;
      if (Object.hasOwn(CONSTANTS, token.value) && !isOp("(")) return CONSTANTS[token.value]!;
      if (!Object.hasOwn(FUNCTIONS, token.value))
        throw new ExpressionError(`Unknown name "${token.value}" at position ${token.at + 1}.`, token.at);
      const { arity, fn } = FUNCTIONS[token.value]!;
      expect("(");
      const args = [expr(depth + 1)];
      while (isOp(",")) {
        pos++;
        args.push(expr(depth + 1));
      }
      expect(")");
      if (args.length < arity[0] || args.length > arity[1]) {
        throw new ExpressionError(
          `${token.value}() takes ${arity[0] === arity[1] ? arity[0] : `${arity[0]} to ${arity[1]}`} arguments, not ${args.length}.`,
          token.at,
        );
      }
      try {
        return fn(...args);
      } catch (error) {
        throw new ExpressionError(error instanceof Error ? error.message : String(error), token.at);
      }
    }
    throw new ExpressionError(`Unexpected "${token.value}" at position ${token.at + 1}.`, token.at);
  }

  const value = expr(0);
  if (pos < tokens.length)
    throw new ExpressionError(`Unexpected "${tokens[pos]!.value}" at position ${tokens[pos]!.at + 1}.`, tokens[pos]!.at);
  if (!Number.isFinite(value)) throw new ExpressionError("The result is not a finite number.", 0);
  return value;
}
