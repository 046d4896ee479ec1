import { getTranslations } from "next-intl/server";
import type { MyTenant } from "@/server/tenancy/list-my-tenants";
import { LanguageSwitch } from "./language-switch";
import { NotificationBell } from "./notification-bell";
import { Logo } from "./logo";
import { OrgSwitcher } from "./org-switcher";
import { UserMenu } from "./user-menu";

export async function AppHeader({
  user,
  tenants,
  currentSlug,
  bell = false,
}: {
  user: { name: string; email: string; isPlatformAdmin: boolean };
  tenants: MyTenant[];
  currentSlug?: string;
  bell?: boolean;
}) {
  const t = await getTranslations("nav");
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur">
      <a
        href="#content"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-3 focus:rounded focus:bg-white focus:px-3 focus:py-1"
      >
        {t("skipToContent")}
      </a>
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-4 sm:gap-4 sm:px-6">
        <Logo href="/orgs" compact />
        <span className="text-slate-300" aria-hidden>
          /
        </span>
        <OrgSwitcher tenants={tenants} current={currentSlug} />
        <div className="ml-auto flex shrink-0 items-center gap-3">
          <div className="hidden sm:block">
            <LanguageSwitch />
          </div>
          {bell && currentSlug ? <NotificationBell slug={currentSlug} /> : null}
          <UserMenu user={user} />
        </div>
      </div>
    </header>
  );
}
