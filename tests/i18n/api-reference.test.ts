import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/server/i18n/config";
import { openApiDocument } from "@/server/trpc/openapi";

/** The portal's API reference shows each operation's summary from the catalogues: every operation needs one, in every language. */
describe("API reference text", () => {
  const doc = openApiDocument("http://localhost:3000");
  const ids = Object.values(doc.paths ?? {}).flatMap((item) =>
    Object.values(item as Record<string, { operationId?: string }>).map((op) => op.operationId),
  );

  it.each(LOCALES)("has a summary for every operation in %s", (locale) => {
    const catalogue = JSON.parse(readFileSync(path.join(process.cwd(), "messages", locale, "apiDocs.json"), "utf8")) as { operations: Record<string, string> };
    expect(ids.length).toBeGreaterThan(10);
    for (const id of ids) expect(catalogue.operations[id!], `${locale}: operations.${id}`).toBeTruthy();
  });
});
