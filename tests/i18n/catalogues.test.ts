import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_LOCALE, LOCALES, localeFromAcceptLanguage } from "@/server/i18n/config";

const root = path.join(process.cwd(), "messages");

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** Top-level ICU arguments of a message ({name}, {count, plural, …}); nested branches excluded. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  let depth = 0;
  for (let i = 0; i < message.length; i++) {
    if (message[i] === "{") {
      if (depth === 0) names.add(message.slice(i + 1).match(/^\s*([A-Za-z0-9_]+)/)?.[1] ?? "");
      depth++;
    } else if (message[i] === "}") depth--;
  }
  names.delete("");
  return [...names].sort();
}

function load(locale: string): Map<string, string> {
  const all = new Map<string, string>();
  for (const file of readdirSync(path.join(root, locale)).filter((f) => f.endsWith(".json"))) {
    const tree = JSON.parse(readFileSync(path.join(root, locale, file), "utf8")) as Tree;
    for (const [k, v] of flatten(tree, file.replace(/\.json$/, ""))) all.set(k, v);
  }
  return all;
}

describe("message catalogues", () => {
  const catalogues = Object.fromEntries(LOCALES.map((l) => [l, load(l)]));
  const reference = catalogues[DEFAULT_LOCALE]!;

  it("has the same namespaces in every locale", () => {
    const files = (l: string) => readdirSync(path.join(root, l)).sort();
    for (const locale of LOCALES) expect(files(locale)).toEqual(files(DEFAULT_LOCALE));
  });

  it.each(LOCALES.filter((l) => l !== DEFAULT_LOCALE))("%s has exactly the English keys", (locale) => {
    const keys = [...catalogues[locale]!.keys()].sort();
    expect(keys).toEqual([...reference.keys()].sort());
  });

  it.each(LOCALES)("%s has no empty messages and the same placeholders as English", (locale) => {
    for (const [key, message] of catalogues[locale]!) {
      expect(message.trim(), key).not.toBe("");
      expect(argumentsOf(message), key).toEqual(argumentsOf(reference.get(key) ?? ""));
    }
  });

  it("the Chinese catalogue is actually Chinese", () => {
    const zh = [...catalogues["zh-CN"]!.values()];
    const withHan = zh.filter((m) => /\p{Script=Han}/u.test(m)).length;
    expect(withHan / zh.length).toBeGreaterThan(0.8);
  });

  it("picks a locale from Accept-Language", () => {
    expect(localeFromAcceptLanguage("zh-TW,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("fr-FR,en;q=0.5")).toBe("en");
    expect(localeFromAcceptLanguage("de")).toBe(DEFAULT_LOCALE);
    expect(localeFromAcceptLanguage(null)).toBe(DEFAULT_LOCALE);
  });
});
