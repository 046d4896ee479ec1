import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { Logo } from "@/components/shell/logo";
import { buttonClasses } from "@/components/ui/button";

const FEATURES = ["isolation", "keys", "audit", "api"] as const;

/** What a signed-out visitor sees at `/`: what Agentry is for, and the two ways in. */
export async function LandingPage() {
  const t = await getTranslations("landing");
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between gap-4 px-4 py-4 sm:px-6">
        <Logo />
        <div className="flex items-center gap-3">
          <LanguageSwitch />
          <Link href="/sign-in" className={buttonClasses("ghost", "sm")}>
            {t("signIn")}
          </Link>
        </div>
      </header>
      <main id="content" className="mx-auto w-full max-w-5xl flex-1 px-4 pb-16 pt-10 sm:px-6 sm:pt-20">
        <section className="max-w-2xl space-y-5">
          <h1 className="text-3xl font-semibold tracking-tight text-slate-900 sm:text-4xl">{t("title")}</h1>
          <p className="text-lg text-slate-600">{t("lead")}</p>
          <div className="flex flex-wrap gap-3">
            <Link href="/sign-up" className={buttonClasses("primary", "md")}>
              {t("signUp")}
            </Link>
            <Link href="/sign-in" className={buttonClasses("secondary", "md")}>
              {t("signIn")}
            </Link>
          </div>
        </section>
        <ul className="mt-14 grid gap-4 sm:grid-cols-2">
          {FEATURES.map((feature) => (
            <li key={feature} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
              <h2 className="font-semibold text-slate-900">{t(`features.${feature}.title`)}</h2>
              <p className="mt-1 text-sm text-slate-600">{t(`features.${feature}.body`)}</p>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
