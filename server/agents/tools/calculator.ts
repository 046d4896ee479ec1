import { evaluateExpression, ExpressionError, MAX_EXPRESSION_LENGTH } from "./calculator-parser";
import { ToolError, type Tool } from "./types";

export const calculator: Tool = {
  spec: {
    name: "calculator",
    description:
      "Evaluates an arithmetic expression exactly as written: + - * / % ^, parentheses, sqrt, abs, round(x[, digits]), floor, ceil, min, max, log(x[, base]), exp, and the constants pi and e.",
    parameters: {
      type: "object",
      properties: { expression: { type: "string", maxLength: MAX_EXPRESSION_LENGTH, description: "e.g. (12.5 * 4 + 3) ^ 2 / sqrt(16)" } },
      required: ["expression"],
      additionalProperties: false,
    },
  },
  async run(args) {
    const expression = args.expression;
    if (typeof expression !== "string") throw new ToolError("invalid_arguments", "calculator needs an `expression` string.");
    try {
      const result = evaluateExpression(expression);
      return { output: { expression, result }, summary: `${expression} = ${result}` };
    } catch (error) {
      if (error instanceof ExpressionError) throw new ToolError("invalid_expression", error.message);
      throw error;
    }
  },
};
