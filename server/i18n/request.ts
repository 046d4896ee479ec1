import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { getRequestConfig } from "next-intl/server";
import { headers } from "next/headers";
import type { Locale } from "./config";
import { localeFromHeaders } from "./server-messages";

/** The locale comes from the user's choice (cookie), else the browser's Accept-Language. */
export async function resolveLocale(): Promise<Locale> {
  return localeFromHeaders(await headers());
}

const catalogues = new Map<Locale, Promise<Record<string, unknown>>>();

/**
 * messages/<locale>/<namespace>.json, one file per area so areas can grow independently;
 * merged once per process into { namespace: messages }.
 */
function loadCatalogue(locale: Locale) {
  let catalogue = catalogues.get(locale);
  if (!catalogue) {
    catalogue = (async () => {
      const dir = path.join(process.cwd(), "messages", locale);
      const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
      const entries = await Promise.all(
        files.map(async (file) => [file.replace(/\.json$/, ""), JSON.parse(await readFile(path.join(dir, file), "utf8"))] as const),
      );
      return Object.fromEntries(entries);
    })();
    catalogues.set(locale, catalogue);
  }
  return catalogue;
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: await loadCatalogue(locale), timeZone: "UTC" };
});
