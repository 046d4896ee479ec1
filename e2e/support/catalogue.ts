/**
 * The portal's own message catalogues (messages/<locale>/*.json), for specs that run in more than
 * one language: a journey asserts on what the page says by key, so it reads the same in English
 * and Chinese and follows a reworded message instead of breaking on it. Formatting is next-intl's,
 * as on the page (plurals, placeholders).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import type { Locale } from "@/server/i18n/config";

const cache = new Map<Locale, Record<string, unknown>>();

function messages(locale: Locale): Record<string, unknown> {
  let merged = cache.get(locale);
  if (!merged) {
    const dir = path.join(process.cwd(), "messages", locale);
    merged = Object.fromEntries(
      readdirSync(dir)
        .filter((file) => file.endsWith(".json"))
        .map((file) => [file.replace(/\.json$/, ""), JSON.parse(readFileSync(path.join(dir, file), "utf8"))]),
    );
    cache.set(locale, merged);
  }
  return merged;
}

/**
 * `t("runs.playground.send")` → "Send" / "发送". A key the catalogue lacks throws, so a spec never
 * passes by looking for a key's name on the page.
 */
export function catalogue(locale: Locale) {
  const translate = createTranslator({
    locale,
    messages: messages(locale),
    onError: (error) => {
      throw error;
    },
  }) as unknown as (key: string, values?: Record<string, string | number>) => string;
  return (key: string, values?: Record<string, string | number>) => translate(key, values);
}

export type Translate = ReturnType<typeof catalogue>;
