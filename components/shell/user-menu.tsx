import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(auth)/actions";
import { Menu } from "@/components/ui/menu";
import { LanguageSwitch } from "./language-switch";

export async function UserMenu({ user }: { user: { name: string; email: string; isPlatformAdmin: boolean } }) {
  const t = await getTranslations("nav");
  const tAuth = await getTranslations("auth");
  const initials =
    user.name
      .split(/\s+/)
      .map((w) => w[0])
      .join("")
      .slice(0, 2)
      .toUpperCase() || "?";
  return (
    <Menu
      // The name a screen reader hears starts with the initials people see (WCAG 2.5.3, "label in
      // name": a voice user says what is on screen), then says what the button is and whose it is.
      summaryLabel={t("userMenuOf", { initials, name: user.name })}
      summaryClassName="gap-2 rounded-full"
      panelClassName="right-0 mt-2 w-64 max-w-[calc(100vw-2rem)]"
      summary={
        <span className="flex size-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">
          {initials}
        </span>
      }
    >
      <div className="border-b border-slate-100 px-3 py-2">
        <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
        <p className="truncate text-xs text-slate-500">{user.email}</p>
      </div>
      <Link href="/account" className="block px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">
        {t("account")}
      </Link>
      {/* On a phone the header has no room for the language switch: it lives here. */}
      <div className="border-b border-slate-100 px-3 py-2 sm:hidden">
        <LanguageSwitch />
      </div>
      {user.isPlatformAdmin ? (
        <Link href="/admin" className="block px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">
          {t("platformConsole")}
        </Link>
      ) : null}
      <form action={signOutAction} className="border-t border-slate-100">
        <button type="submit" className="block w-full px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-50">
          {tAuth("signOut")}
        </button>
      </form>
    </Menu>
  );
}
