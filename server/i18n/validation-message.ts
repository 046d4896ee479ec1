import type { z } from "zod";
import type { Locale } from "./config";
import { isValidationKey, serverTranslator, type ValidationKey } from "./server-messages";

type Issue = z.core.$ZodIssue;

/**
 * Which catalogue entry says what an issue means. A schema's own message is a key of
 * `messages/<locale>/validation.json` (`.min(1, "enterName")`); issues without one are named
 * by their zod code, so every validator — including ones written later — speaks every language.
 */
export function issueKey(issue: Issue): { key: ValidationKey; values?: Record<string, string | number> } {
  if (isValidationKey(issue.message)) return { key: issue.message, values: boundsOf(issue) };
  switch (issue.code) {
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? { key: "required" } : { key: "tooShort", values: { min } };
      if (issue.origin === "array" || issue.origin === "set") return { key: "tooFew", values: { min } };
      return { key: "tooSmall", values: { min: String(issue.minimum) } };
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return { key: "tooLong", values: { max } };
      if (issue.origin === "array" || issue.origin === "set") return { key: "tooMany", values: { max } };
      return { key: "tooBig", values: { max: String(issue.maximum) } };
    }
    case "invalid_format":
      if (issue.format === "email") return { key: "email" };
      if (issue.format === "uuid" || issue.format === "guid") return { key: "uuid" };
      if (issue.format === "date") return { key: "date" };
      if (issue.format === "datetime") return { key: "datetime" };
      return { key: "invalidFormat" };
    case "invalid_type":
      return { key: "invalidType", values: { expected: issue.expected } };
    case "invalid_value":
      return { key: "invalidOption", values: { options: issue.values.map(String).join(", ") } };
    case "unrecognized_keys":
      return { key: "unknownKeys", values: { keys: issue.keys.join(", ") } };
    default:
      return { key: "invalid" };
  }
}

function boundsOf(issue: Issue): Record<string, string | number> | undefined {
  if (issue.code === "too_small") return { min: Number(issue.minimum) };
  if (issue.code === "too_big") return { max: Number(issue.maximum) };
  return undefined;
}

/** One issue in the reader's language. */
export function validationMessage(issue: Issue, locale: Locale): string {
  const { key, values } = issueKey(issue);
  return serverTranslator(locale)(`validation.${key}`, values);
}

/** path → first message, for forms that show each next to its input. */
export function fieldMessages(issues: Issue[], locale: Locale, pathOf = (issue: Issue) => issue.path.map(String).join(".") || "(body)") {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[pathOf(issue)] ??= validationMessage(issue, locale);
  return fields;
}
