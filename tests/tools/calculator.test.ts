import { describe, expect, it } from "vitest";
import { TOOLS, ToolError } from "@/server/agents/tools";
import { evaluateExpression, MAX_DEPTH, MAX_EXPRESSION_LENGTH } from "@/server/agents/tools/calculator-parser";

const ctx = {} as never;

describe("calculator", () => {
  it.each([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["10 / 4", 2.5],
    ["10 % 4", 2],
    ["2 ^ 10", 1024],
    ["2 ^ 3 ^ 2", 512],
    ["-2 ^ 2", -4],
    ["(-2) ^ 2", 4],
    ["2 ^ -1", 0.5],
    ["--3", 3],
    ["-(4 - 6)", 2],
    ["+5", 5],
    ["1.5e3 + .5", 1500.5],
    ["sqrt(16) + abs(-3)", 7],
    ["round(3.14159, 2)", 3.14],
    ["round(2.5)", 3],
    ["min(4, 2, 8) + max(1, 9)", 11],
    ["log(e)", 1],
    ["log(1000, 10)", 3],
    ["exp(0)", 1],
    ["floor(2.7) + ceil(2.1)", 5],
    ["PI * 2", Math.PI * 2],
    ["12 × 3 ÷ 4", 9],
    ["  ( ( 1 ) )  ", 1],
  ])("%s = %d", (expression, expected) => {
    expect(evaluateExpression(expression)).toBeCloseTo(expected, 10);
  });

  it.each([
    ["", /empty/],
    ["1 +", /ends too early/],
    ["(1 + 2", /Expected "\)"/],
    ["1 + 2)", /Unexpected "\)"/],
    ["1 / 0", /Division by zero/],
    ["5 % 0", /Division by zero/],
    ["2 ^ 5000", /not a finite number/],
    ["9^9^9^9", /not a finite number/],
    ["sqrt(-1)", /not a finite number/],
    ["foo(1)", /Unknown name "foo"/],
    ["sqrt(1, 2)", /takes 1 arguments/],
    ["round(1, 99)", /0 to 15 digits/],
    ["1 2", /Unexpected "2"/],
    ["process.exit(1)", /Unexpected character|Unknown name/],
    ["constructor.constructor('return process')()", /Unknown name|Unexpected character/],
    ["__proto__", /Unknown name/],
    ["toString(1)", /Unknown name/],
    ["require('fs')", /Unknown name|Unexpected character/],
    ["1; 2", /Unexpected character ";"/],
    ["`1`", /Unexpected character/],
    ["1 + 1 // comment", /Unexpected "\/"/],
    ["e(1)", /Unknown name "e"/],
  ])("refuses %j", (expression, message) => {
    expect(() => evaluateExpression(expression)).toThrow(message);
  });

  it("bounds length and nesting depth (no stack overflow on hostile input)", () => {
    expect(() => evaluateExpression("1+".repeat(300) + "1")).toThrow(`longer than ${MAX_EXPRESSION_LENGTH}`);
    expect(() => evaluateExpression("(".repeat(200) + "1" + ")".repeat(200))).toThrow(`deeper than ${MAX_DEPTH}`);
    expect(() => evaluateExpression("-".repeat(400) + "1")).toThrow(`deeper than ${MAX_DEPTH}`);
    expect(() => evaluateExpression("2^".repeat(200) + "1")).toThrow(`deeper than ${MAX_DEPTH}`);
    expect(evaluateExpression("(".repeat(5) + "1" + ")".repeat(5))).toBe(1);
  });

  it("is a tool: a result with a summary, or a ToolError invalid_expression", async () => {
    await expect(TOOLS.calculator.run({ expression: "6 * 7" }, ctx)).resolves.toEqual({
      output: { expression: "6 * 7", result: 42 },
      summary: "6 * 7 = 42",
    });
    const refused = await TOOLS.calculator.run({ expression: "1/0" }, ctx).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ToolError);
    expect(refused).toMatchObject({ code: "invalid_expression" });
    await expect(TOOLS.calculator.run({ expression: 42 }, ctx)).rejects.toMatchObject({ code: "invalid_arguments" });
    expect(TOOLS.calculator.spec).toMatchObject({ name: "calculator", parameters: { required: ["expression"] } });
  });
});
