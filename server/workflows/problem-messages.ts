import { createTranslator } from "next-intl";
import en from "@/messages/en/workflows.json" with { type: "json" };
import zh from "@/messages/zh-CN/workflows.json" with { type: "json" };
import { ValidationError } from "../errors";
import { DEFAULT_LOCALE, type Locale } from "../i18n/config";
import type { Problem } from "./validate";

const translators = {
  en: createTranslator({ locale: "en", messages: { problems: en.problems } }),
  "zh-CN": createTranslator({ locale: "zh-CN", messages: { problems: zh.problems } }),
} satisfies Record<Locale, unknown>;

/** A problem in the request's language (the catalogue's `workflows.problems`). */
export function problemMessage(problem: Problem, locale: Locale = DEFAULT_LOCALE): string {
  return translators[locale](`problems.${problem.code}`, problem.params);
}

/**
 * The 400 a refused definition gets: the first problem in the message (it names the node), every
 * problem under `details.fields` by path (`definition.nodes.2.input`) for the editor to place on
 * its node, and `details.problems` with the node ids.
 */
export function definitionError(problems: Problem[], locale: Locale = DEFAULT_LOCALE, prefix = "definition"): ValidationError {
  const fields: Record<string, string> = {};
  for (const problem of problems) fields[`${prefix}.${problem.path}`] ??= problemMessage(problem, locale);
  const first = problemMessage(problems[0]!, locale);
  const error = new ValidationError(translators[locale]("problems.invalid", { first }), fields, "workflow_invalid");
  Object.assign(error.details!, {
    problems: problems.map((p) => ({ nodeId: p.nodeId, path: `${prefix}.${p.path}`, code: p.code, message: problemMessage(p, locale) })),
  });
  return error;
}
