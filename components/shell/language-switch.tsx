"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/app/actions/locale";
import { LOCALE_NAMES, LOCALES } from "@/server/i18n/config";

/** The language switch in every header: remembered in a cookie, applied without losing the page. */
export function LanguageSwitch() {
  const t = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <label className="inline-flex items-center gap-2 text-sm text-slate-600">
      <span className="sr-only">{t("language")}</span>
      <svg aria-hidden viewBox="0 0 20 20" className="size-4 fill-current">
        <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm5.9 7h-2.95a12.3 12.3 0 0 0-1.1-4.74A6.02 6.02 0 0 1 15.9 9ZM10 4.06c.63.9 1.3 2.5 1.45 4.94h-2.9C8.7 6.56 9.37 4.96 10 4.06ZM8.15 4.26A12.3 12.3 0 0 0 7.05 9H4.1a6.02 6.02 0 0 1 4.05-4.74ZM4.1 11h2.95c.1 1.8.5 3.42 1.1 4.74A6.02 6.02 0 0 1 4.1 11Zm5.9 4.94c-.63-.9-1.3-2.5-1.45-4.94h2.9c-.15 2.44-.82 4.04-1.45 4.94Zm1.85-.2c.6-1.32 1-2.94 1.1-4.74h2.95a6.02 6.02 0 0 1-4.05 4.74Z" />
      </svg>
      <select
        aria-label={t("language")}
        className="rounded-md border-0 bg-transparent py-1 pl-1 pr-7 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        value={locale}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value;
          startTransition(async () => {
            const result = await setLocaleAction(next);
            if (result.ok) router.refresh();
          });
        }}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
