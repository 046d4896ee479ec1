import { createTranslator } from "next-intl";
import enCommon from "@/messages/en/common.json" with { type: "json" };
import enEmail from "@/messages/en/email.json" with { type: "json" };
import zhCommon from "@/messages/zh-CN/common.json" with { type: "json" };
import zhEmail from "@/messages/zh-CN/email.json" with { type: "json" };
import { DEFAULT_LOCALE, type Locale } from "../i18n/config";

/**
 * What a mail to a person says, in the language of the request that caused it
 * (messages/<locale>/email.json; role names from common.json). Bundled statically, like the
 * server's error catalogues: mail is composed in verbs, far from any page's message loading.
 */
const CATALOGUES = {
  en: { email: enEmail, roles: enCommon.roles },
  "zh-CN": { email: zhEmail, roles: zhCommon.roles },
} satisfies Record<Locale, { email: typeof enEmail; roles: typeof enCommon.roles }>;

export function mailTranslator(locale: Locale | undefined) {
  const chosen = locale ?? DEFAULT_LOCALE;
  return createTranslator({ locale: chosen, messages: CATALOGUES[chosen] });
}
