import { createTranslator } from "next-intl";
import enErrors from "@/messages/en/errors.json" with { type: "json" };
import enValidation from "@/messages/en/validation.json" with { type: "json" };
import zhErrors from "@/messages/zh-CN/errors.json" with { type: "json" };
import zhValidation from "@/messages/zh-CN/validation.json" with { type: "json" };
import { LOCALE_COOKIE, isLocale, localeFromAcceptLanguage, type Locale } from "./config";

/**
 * The two catalogues the server speaks in outside of pages: error codes and validation
 * messages. Bundled statically (not read from disk like the page catalogues) because error
 * formatting is synchronous and runs in every door — tRPC, REST, server actions.
 */
const CATALOGUES = {
  en: { errors: enErrors, validation: enValidation },
  "zh-CN": { errors: zhErrors, validation: zhValidation },
} satisfies Record<Locale, { errors: Record<string, string>; validation: Record<string, string> }>;

export type ValidationKey = keyof typeof enValidation;

/** Built once per locale: every validation issue of every refused request asks for one. */
const translators = new Map<Locale, ReturnType<typeof translatorFor>>();
const translatorFor = (locale: Locale) => createTranslator({ locale, messages: CATALOGUES[locale] });

export function serverTranslator(locale: Locale) {
  let translator = translators.get(locale);
  if (!translator) translators.set(locale, (translator = translatorFor(locale)));
  return translator;
}

export function isValidationKey(value: string): value is ValidationKey {
  return Object.hasOwn(enValidation, value);
}

export function isErrorCode(value: string): value is keyof typeof enErrors {
  return Object.hasOwn(enErrors, value);
}

/** The request's language, as the pages choose it: the saved choice (cookie), else Accept-Language. */
export function localeFromHeaders(headers: Headers): Locale {
  const cookie = headers.get("cookie");
  if (cookie) {
    for (const part of cookie.split(";")) {
      const [name, ...value] = part.trim().split("=");
      if (name === LOCALE_COOKIE) {
        // A malformed escape (%E0%A4%A) is nobody's language, not a 500.
        const chosen = (() => {
          try {
            return decodeURIComponent(value.join("="));
          } catch {
            return null;
          }
        })();
        if (isLocale(chosen)) return chosen;
      }
    }
  }
  return localeFromAcceptLanguage(headers.get("accept-language"));
}
