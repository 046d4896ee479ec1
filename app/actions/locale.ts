"use server";

import { cookies } from "next/headers";
import { isLocale, LOCALE_COOKIE } from "@/server/i18n/config";

/** Remembers the chosen language for a year. An unknown locale is refused and nothing changes. */
export async function setLocaleAction(locale: string): Promise<{ ok: true } | { ok: false; error: string }> {
  if (!isLocale(locale)) return { ok: false, error: `Unknown language "${String(locale).slice(0, 20)}".` };
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax" });
  return { ok: true };
}
