import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(auth)/actions";

export async function UserMenu({ user }: { user: { name: string; email: string; isPlatformAdmin: boolean } }) {
  const t = await getTranslations("nav");
  const tAuth = await getTranslations("auth");
  const initials = user.name.split(/\s+/).map((w) => w[0]).join("").slice(0, 2).toUpperCase() || "?";
  return (
    <details className="relative">
      <summary aria-label={t("userMenu")} className="flex cursor-pointer list-none items-center gap-2 rounded-full">
        <span className="flex size-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white">{initials}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-2 w-64 rounded-md bg-white py-1 shadow-lg ring-1 ring-slate-200">
        <div className="border-b border-slate-100 px-3 py-2">
          <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
          <p className="truncate text-xs text-slate-500">{user.email}</p>
        </div>
        <Link href="/account" className="block px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">
          {t("account")}
        </Link>
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
      </div>
    </details>
  );
}
