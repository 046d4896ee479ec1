import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/server/i18n/config";
import { descriptionKey } from "@/components/api-docs/openapi-model";
import { openApiDocument } from "@/server/trpc/openapi";

/** Descriptions the portal draws: of fields (under `properties`) and of parameters. */
function fieldDescriptions(node: unknown, inField = false, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) fieldDescriptions(item, inField, out);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "description" && inField && typeof value === "string") out.add(value);
      else if (key === "properties" && value && typeof value === "object")
        for (const field of Object.values(value)) fieldDescriptions(field, true, out);
      else if (key === "parameters") fieldDescriptions(value, true, out);
      else fieldDescriptions(value, inField && key !== "responses", out);
    }
  }
  return out;
}

/** The portal's API reference shows each operation's summary from the catalogues: every operation needs one, in every language. */
describe("API reference text", () => {
  const doc = openApiDocument("http://localhost:3000");
  const ids = Object.values(doc.paths ?? {}).flatMap((item) =>
    Object.values(item as Record<string, { operationId?: string }>).map((op) => op.operationId),
  );

  it.each(LOCALES)("has a summary for every operation in %s", (locale) => {
    const catalogue = JSON.parse(readFileSync(path.join(process.cwd(), "messages", locale, "apiDocs.json"), "utf8")) as {
      operations: Record<string, string>;
    };
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(catalogue.operations[id!], `${locale}: operations.${id}`).toBeTruthy();
  });

  it.each(LOCALES)("has every field and parameter description in %s", (locale) => {
    const catalogue = JSON.parse(readFileSync(path.join(process.cwd(), "messages", locale, "apiDocs.json"), "utf8")) as {
      descriptions: Record<string, string>;
    };
    const descriptions = [...fieldDescriptions(doc)];
    expect(descriptions).toContain("Shown once: store it now");
    for (const text of descriptions) expect(catalogue.descriptions[descriptionKey(text)], `${locale}: "${text}"`).toBeTruthy();
  });
});
